import { el } from './dom.js';
import {
    applyFrameLabels, fiscalYearOf, fillControls, getJson, initialLang, initialToken, renderSignIn, showMessage,
    storeLang, storeToken, wireControls, yearAndDate,
} from './session.js';

// The budget page (予実管理): the year's budget, income-and-expenditure plan and cash-flow plan (別紙１–３) against
// the actuals finance reports, from reporting-service's GET /api/v1/budgets/{fiscalYear}/variance. Plain ES module,
// no build step; the chart with ECharts from the webjar (window.echarts). The sign-in is the dashboard's
// (session.js): the same kpi-viewer token in this tab's sessionStorage (from #token=... or the form) and the same
// language setting.

const TEXT = {
    ja: {
        title: '予算執行状況',
        subtitle: '予算・収支計画・資金計画と実績（予実管理）',
        navDashboard: '評価指標ダッシュボード',
        navBudget: '予算執行状況',
        fiscalYear: '年度',
        asOf: '基準日',
        asOfLabel: (d) => ` · ${d} 時点`,
        footer: '数値は reporting-service の /api/v1/budgets/{年度}/variance による',
        langButton: 'English',
        fy: (y) => `${y}年度`,
        signinLabel: 'アクセストークン（kpi-viewer）',
        signinButton: '表示する',
        signinHint: 'ローカル環境では make -s token ROLE=kpi-viewer で発行できます。',
        signinNeeded: 'サインインが必要です。閲覧用のアクセストークンを入力してください。',
        signinRejected: 'アクセストークンが無効か期限切れです（401）。新しいトークンを入力してください。',
        forbidden: 'このトークンには予算を閲覧する権限（kpi-viewer）がありません（403）。',
        loading: '読み込み中…',
        failed: (what) => `データを取得できませんでした（${what}）。`,
        notFound: (y) => `${y}年度の予算はまだ登録されていません（404）。年度を選び直してください。`,
        none: '—',
        notPrinted: '－',
        unit: { 'million-yen': '百万円' },
        unitLabel: (u) => `単位：${u}`,
        unitTitle: '単位',
        paren: (x) => `（${x}）`,
        month: (ym) => `${Number(ym.slice(5, 7))}月`,
        yearMonth: (ym) => `${ym.slice(0, 4)}年${Number(ym.slice(5, 7))}月`,
        // overview
        overviewTitle: '概要',
        budgetVersion: '予算',
        version: (v, reason) => `第${v}版${reason ? `（${reason}）` : ''}`,
        reportedThrough: '実績の報告月',
        noActualsYet: 'まだ実績の報告はありません',
        monthsElapsed: '経過月数',
        months: (n) => `${n} / 12 か月`,
        threshold: '乖離の判定基準',
        thresholdText: (p) => `年度末見込みが予算から ±${p} を超えて離れている`,
        driftingCount: '乖離している行',
        count: (n) => `${n} 行`,
        // drifting
        driftingTitle: '乖離している行',
        driftingIntro: (p) => `年度末見込みが予算から ±${p} を超えて離れている行です。見込み差率の大きい順に並べています。行名を選ぶと月次グラフに表示します。`,
        noDrifting: '乖離している行はありません。',
        colTable: '表',
        colLine: '区分',
        colBudget: '予算額',
        colActual: '実績',
        colExecution: '執行率',
        colExpected: '現時点の想定額',
        colProjected: '年度末見込み',
        colVariance: '見込み差率',
        colStatus: '状態',
        colAnalysis: '原因と対応',
        cause: '原因',
        response: '対応',
        noAnalysis: '未記入',
        recorded: (at, by) => `${String(at).slice(0, 10)} ${by || ''}`.trim(),
        // ceiling
        ceilingTitle: '短期借入金の限度額',
        balance: '残高',
        limit: '限度額',
        usedRate: '限度額に対する割合',
        balanceMonth: (ym) => `${ym.slice(0, 4)}年${Number(ym.slice(5, 7))}月末`,
        noCeiling: 'この年度の予算に短期借入金の限度額はありません。',
        ceilingStatus: {
            NO_BALANCE: '残高の報告なし', BELOW: '限度額の範囲内', WARNING: '限度額に接近', REACHED: '限度額に到達',
        },
        // chart
        chartTitle: '月次の累計実績と予算',
        chartPick: '表示する行',
        chartMonthly: '月次実績',
        chartCumulative: '累計実績',
        chartLinear: '予算の月割累計',
        chartProjection: '年度末見込み',
        chartExpectedPoint: '現時点の想定額',
        chartBudget: '予算額',
        chartTableMonth: '月',
        chartSummary: (s) => [
            `${s.name}の月次グラフ。`,
            `予算額 ${s.budget}。`,
            s.through ? `${s.through}までの累計実績 ${s.cumulative}（現時点の想定額 ${s.expected}）。` : 'まだ実績の報告はありません。',
            s.projected ? `年度末見込み ${s.projected}（見込み差 ${s.variance}、${s.status}）。` : '',
            '各月の数値は隣の表のとおり。',
        ].join(''),
        chartNoEcharts: 'グラフを表示できません。数値は表のとおりです。',
        profileNote: { LAST_YEAR: '現時点の想定額は前年度実績の月別構成比による', LINEAR: '現時点の想定額は予算の月割（経過月数 / 12）による' },
        // annexes
        annexTitle: '別紙の表',
        annexIntro: '計画の金額は四捨五入によるため、合計と内訳の合計が一致しない場合があります。その場合は「内訳計」を併記しています（金額は印刷どおり、補正しません）。',
        kind: { BUDGET: '予算（別紙１）', INCOME_EXPENDITURE: '収支計画（別紙２）', CASH_FLOW: '資金計画（別紙３）' },
        annex: (a) => `別紙${a}`,
        openAll: 'すべて開く',
        closeAll: 'すべて閉じる',
        noActualsInTable: '実績の報告なし',
        personnel: (v, u) => `人件費の見積り ${v} ${u}`,
        sumOfParts: '内訳計',
        unreported: '実績未報告',
        total: '合計行',
        sides: {
            BUDGET: { REVENUE: '収入', EXPENDITURE: '支出', RESULT: '損益' },
            INCOME_EXPENDITURE: { REVENUE: '収益の部', EXPENDITURE: '費用の部', RESULT: '損益' },
            CASH_FLOW: { REVENUE: '資金収入', EXPENDITURE: '資金支出', RESULT: 'その他' },
        },
        status: { NO_ACTUALS: '実績なし', ON_BUDGET: '予算どおり', DRIFTING: '乖離' },
        pick: (name) => `${name} を月次グラフに表示`,
    },
    en: {
        title: 'Budget against actuals',
        subtitle: 'Budget, income-and-expenditure and cash-flow plans against the actuals',
        navDashboard: 'Indicator dashboard',
        navBudget: 'Budget against actuals',
        fiscalYear: 'Fiscal year',
        asOf: 'As of',
        asOfLabel: (d) => ` · as of ${d}`,
        footer: 'Figures from reporting-service /api/v1/budgets/{fiscalYear}/variance',
        langButton: '日本語',
        fy: (y) => `FY${y}`,
        signinLabel: 'Access token (kpi-viewer)',
        signinButton: 'Show',
        signinHint: 'Locally, make -s token ROLE=kpi-viewer prints one.',
        signinNeeded: 'Please sign in: paste an access token that may read the budget.',
        signinRejected: 'The access token is invalid or has expired (401). Paste a new one.',
        forbidden: 'This token may not read the budget: it needs the kpi-viewer role (403).',
        loading: 'Loading…',
        failed: (what) => `Could not load the data (${what}).`,
        notFound: (y) => `There is no budget for FY${y} yet (404). Choose another fiscal year.`,
        none: '—',
        notPrinted: '–',
        unit: { 'million-yen': 'million yen' },
        unitLabel: (u) => `in ${u}`,
        unitTitle: 'Unit',
        paren: (x) => ` (${x})`,
        month: (ym) => MONTHS_EN[Number(ym.slice(5, 7)) - 1],
        yearMonth: (ym) => `${MONTHS_EN[Number(ym.slice(5, 7)) - 1]} ${ym.slice(0, 4)}`,
        overviewTitle: 'Overview',
        budgetVersion: 'Budget',
        version: (v, reason) => `version ${v}${reason ? ` (${reason})` : ''}`,
        reportedThrough: 'Actuals reported through',
        noActualsYet: 'No actuals reported yet',
        monthsElapsed: 'Months elapsed',
        months: (n) => `${n} of 12 months`,
        threshold: 'Drift threshold',
        thresholdText: (p) => `year-end projection more than ±${p} from the budget`,
        driftingCount: 'Drifting lines',
        count: (n) => `${n} ${n === 1 ? 'line' : 'lines'}`,
        driftingTitle: 'Drifting lines',
        driftingIntro: (p) => `Lines whose year-end projection is more than ±${p} from the budget, largest variance first. Choose a line's name to see it on the monthly chart.`,
        noDrifting: 'No line is drifting.',
        colTable: 'Table',
        colLine: 'Line',
        colBudget: 'Budget',
        colActual: 'Actual',
        colExecution: 'Execution rate',
        colExpected: 'Expected to date',
        colProjected: 'Projected year end',
        colVariance: 'Variance',
        colStatus: 'Status',
        colAnalysis: 'Cause and response',
        cause: 'Cause',
        response: 'Response',
        noAnalysis: 'Not recorded',
        recorded: (at, by) => `${String(at).slice(0, 10)} ${by || ''}`.trim(),
        ceilingTitle: 'Short-term borrowing limit',
        balance: 'Balance',
        limit: 'Limit',
        usedRate: 'Share of the limit',
        balanceMonth: (ym) => `end of ${MONTHS_EN[Number(ym.slice(5, 7)) - 1]} ${ym.slice(0, 4)}`,
        noCeiling: 'This budget sets no short-term borrowing limit.',
        ceilingStatus: {
            NO_BALANCE: 'No balance reported', BELOW: 'Within the limit', WARNING: 'Near the limit', REACHED: 'Limit reached',
        },
        chartTitle: 'Cumulative actual by month against the budget',
        chartPick: 'Line shown',
        chartMonthly: 'Monthly actual',
        chartCumulative: 'Actual to date',
        chartLinear: 'Budget pro rata',
        chartProjection: 'Year-end projection',
        chartExpectedPoint: 'Expected to date',
        chartBudget: 'Budget',
        chartTableMonth: 'Month',
        chartSummary: (s) => [
            `Monthly chart of ${s.name}. `,
            `Budget ${s.budget}. `,
            s.through ? `Actual to ${s.through}: ${s.cumulative} (expected to date ${s.expected}). ` : 'No actual reported yet. ',
            s.projected ? `Projected year end ${s.projected} (variance ${s.variance}, ${s.status}). ` : '',
            'The numbers of each month are in the table beside it.',
        ].join(''),
        chartNoEcharts: 'The chart cannot be drawn; the table has its numbers.',
        profileNote: {
            LAST_YEAR: 'Expected to date follows last year\'s monthly profile of the line',
            LINEAR: 'Expected to date is the budget pro rata (months elapsed / 12)',
        },
        annexTitle: 'Annex tables',
        annexIntro: 'The plan rounds every amount, so a printed total may differ from the sum of its parts; where it does, the sum of parts is shown beside it (amounts are kept as printed, never corrected).',
        kind: { BUDGET: 'Budget (annex 1)', INCOME_EXPENDITURE: 'Income and expenditure plan (annex 2)', CASH_FLOW: 'Cash-flow plan (annex 3)' },
        annex: (a) => `Annex ${a}`,
        openAll: 'Open all',
        closeAll: 'Close all',
        noActualsInTable: 'no actuals reported',
        personnel: (v, u) => `Estimated personnel cost ${v} ${u}`,
        sumOfParts: 'Sum of parts',
        unreported: 'not reported',
        total: 'Total line',
        sides: {
            BUDGET: { REVENUE: 'Revenue', EXPENDITURE: 'Expenditure', RESULT: 'Result' },
            INCOME_EXPENDITURE: { REVENUE: 'Revenue', EXPENDITURE: 'Expenses', RESULT: 'Result' },
            CASH_FLOW: { REVENUE: 'Cash in', EXPENDITURE: 'Cash out', RESULT: 'Other' },
        },
        status: { NO_ACTUALS: 'No actuals', ON_BUDGET: 'On budget', DRIFTING: 'Drifting' },
        pick: (name) => `Show ${name} on the monthly chart`,
    },
};

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const KINDS = ['BUDGET', 'INCOME_EXPENDITURE', 'CASH_FLOW'];

/** A shape for every state, beside its word: never colour alone. */
const ICONS = {
    NO_ACTUALS: '－', ON_BUDGET: '○', DRIFTING: '▲',
    NO_BALANCE: '－', BELOW: '○', WARNING: '△', REACHED: '✕',
};

const $ = (selector, root = document) => root.querySelector(selector);

const state = {
    lang: initialLang(),
    fiscalYear: null,
    asOf: '',
    line: null, // the line code on the chart (null: the first drifting line with actuals)
    report: null,
    lines: new Map(), // line code -> { line, table }
    notFound: false,
    error: null,
    loading: false,
    token: null,
    auth: null, // null, 'missing', 'rejected' or 'forbidden'
    chart: null,
    generation: 0,
};

const t = () => TEXT[state.lang];

// ------------------------------------------------------------------------------------------ formatting

const num = (v) => (v === null || v === undefined || v === '' ? null : Number(v));

/** A number with thousands separators and a true minus sign (−). */
function formatNumber(value, digits = 1, minDigits = 0) {
    const locale = state.lang === 'ja' ? 'ja-JP' : 'en-US';
    const text = new Intl.NumberFormat(locale, { maximumFractionDigits: digits, minimumFractionDigits: minDigits })
        .format(Math.abs(value));
    return value < 0 && /[1-9]/.test(text) ? `−${text}` : text;
}

/** An amount as printed (the unit is the table's): 29,460; 1,371.5; − where the plan prints none. */
function amount(v, printedNone = false) {
    const n = num(v);
    if (n === null || !Number.isFinite(n)) return printedNone ? t().notPrinted : t().none;
    return formatNumber(n, 1);
}

/** A rate as a percentage with one decimal; signed: +56.3 % / −15.7 %. */
function rate(v, signed = false) {
    const n = num(v);
    if (n === null || !Number.isFinite(n)) return t().none;
    const text = formatNumber(n * 100, 1, 1);
    return `${signed && n > 0 && /[1-9]/.test(text) ? '+' : ''}${text} %`;
}

function unitName(unit) {
    return t().unit[unit] || unit || '';
}

const lineName = (line) => (state.lang === 'ja' ? (line.nameJa || line.nameEn) : (line.nameEn || line.nameJa));
const tableTitle = (table) => (state.lang === 'ja' ? (table.titleJa || table.titleEn) : (table.titleEn || table.titleJa));

/** The line's name as a reader needs it out of its table: 計 says which side it totals. */
function fullLineName(line, table) {
    const own = lineName(line);
    const side = t().sides[table.kind] && t().sides[table.kind][line.side];
    return state.lang === 'ja' && line.total && own === '計' && side ? `${side} ${own}` : own;
}

const reported = (line) => Array.isArray(line.months) && line.months.length > 0;

/** The twelve months of the fiscal year, April to March, as YYYY-MM. */
function fiscalMonths(year) {
    return Array.from({ length: 12 }, (_, i) => {
        const m = ((i + 3) % 12) + 1;
        return `${i < 9 ? year : year + 1}-${String(m).padStart(2, '0')}`;
    });
}

function statusBadge(kind, status, label) {
    return el('span', { class: `badge ${kind}-${status}`, 'data-state': status },
        el('span', { class: 'icon', 'aria-hidden': 'true' }, ICONS[status] || '・'), label);
}

function lineStatus(line) {
    return statusBadge('line', line.status, t().status[line.status] || line.status);
}

// ------------------------------------------------------------------------------------------------ data

async function load() {
    const generation = ++state.generation;
    document.body.dataset.budgetReady = 'false';
    saveUrl();
    if (!state.token) {
        signIn('missing');
        return;
    }
    state.auth = null;
    renderSignIn(state.auth, t());
    state.loading = true;
    state.error = null;
    state.notFound = false;
    state.report = null;
    render();
    let report = null;
    try {
        const params = new URLSearchParams();
        if (state.asOf) params.set('asOf', state.asOf);
        const query = params.toString();
        report = await getJson(`api/v1/budgets/${encodeURIComponent(state.fiscalYear)}/variance${query ? `?${query}` : ''}`, state.token);
    } catch (e) {
        if (generation !== state.generation) return;
        if (e.status === 401) {
            signIn('rejected');
            return;
        }
        if (e.status === 403) state.auth = 'forbidden';
        else if (e.status === 404) state.notFound = true;
        else state.error = e.message;
    }
    if (generation !== state.generation) return;
    state.loading = false;
    state.report = report;
    indexLines();
    render();
    document.body.dataset.budgetReady = 'true';
}

function indexLines() {
    state.lines = new Map();
    if (!state.report) return;
    for (const table of state.report.tables || []) {
        for (const line of table.lines || []) state.lines.set(line.code, { line, table });
    }
    if (state.line && !state.lines.has(state.line)) state.line = null;
}

/** The line on the chart: the chosen one, else the first drifting line with actuals, else the first with actuals. */
function chartLine() {
    if (state.line && state.lines.has(state.line)) return state.lines.get(state.line);
    const drifting = (state.report.drifting || []).map((code) => state.lines.get(code)).filter(Boolean);
    const first = drifting.find((x) => reported(x.line)) || [...state.lines.values()].find((x) => reported(x.line))
        || drifting[0] || state.lines.values().next().value;
    return first || null;
}

// ---------------------------------------------------------------------------------------------- render

function applyLabels() {
    applyFrameLabels(state.lang, t());
    const asOf = state.report && state.report.asOf;
    $('#as-of-label').textContent = asOf ? t().asOfLabel(asOf) : '';
}

function renderMessage() {
    const { message, kind } = showMessage(state.auth, state.loading, t(), () => {
        if (state.notFound) return [t().notFound(state.fiscalYear), 'notice'];
        if (state.error) return [t().failed(state.error), 'error'];
        return null;
    });
    $('#message').dataset.kind = message === null ? '' : (state.notFound ? 'not-found' : kind);
}

function render() {
    applyLabels();
    renderMessage();
    disposeChart();
    const main = $('#budget');
    main.setAttribute('aria-busy', state.loading ? 'true' : 'false');
    const r = state.report;
    if (!r) {
        main.replaceChildren();
        return;
    }
    main.replaceChildren(overview(r), el('div', { class: 'budget-columns' }, driftingSection(r), ceilingSection(r)),
        chartSection(r), annexSection(r));
    drawChart();
}

function overview(r) {
    const unit = unitName(r.unit);
    const drifting = (r.drifting || []).filter((code) => state.lines.has(code) && reported(state.lines.get(code).line));
    const item = (key, label, value) => el('div', { class: `fact fact-${key}` }, el('dt', {}, label), el('dd', { 'data-fact': key }, value));
    return el('section', { id: 'overview', class: 'budget-overview panel', 'aria-labelledby': 'overview-title' },
        el('h2', { id: 'overview-title', class: 'section-title' }, `${t().fy(r.fiscalYear)} ${t().overviewTitle}`),
        el('dl', { class: 'facts' },
            item('version', t().budgetVersion, t().version(r.budgetVersion, r.reason)),
            item('reported-through', t().reportedThrough, r.reportedThrough ? t().yearMonth(r.reportedThrough) : t().noActualsYet),
            item('months-elapsed', t().monthsElapsed, t().months(r.monthsElapsed)),
            item('threshold', t().threshold, t().thresholdText(rate(r.driftThreshold))),
            item('drifting', t().driftingCount, t().count(drifting.length)),
            item('unit', t().unitTitle, unit)));
}

function lineButton(code, text) {
    return el('button', { type: 'button', class: 'line-pick', 'data-pick': code, title: t().pick(text) }, text);
}

function analysisCell(line) {
    const a = line.analysis;
    if (!a) return el('td', { class: 'analysis muted' }, t().noAnalysis);
    return el('td', { class: 'analysis' },
        el('p', {}, el('strong', {}, `${t().cause}: `), a.cause || t().none),
        el('p', {}, el('strong', {}, `${t().response}: `), a.response || t().none),
        el('p', { class: 'fine' }, t().recorded(a.recordedAt, a.recordedBy)));
}

function driftingTable(rows, id) {
    return el('div', { class: 'table-scroll' }, el('table', { class: 'numbers drifting-table', id },
        el('thead', {}, el('tr', {}, [t().colTable, t().colLine, t().colBudget, t().colActual, t().colProjected,
            t().colVariance, t().colStatus, t().colAnalysis].map((h, i) => el('th', { scope: 'col', class: i >= 2 && i <= 5 ? 'num' : null }, h)))),
        el('tbody', {}, rows.map(({ line, table }) => el('tr', {
            'data-line': line.code, 'data-table': table.code, 'data-status': line.status,
        },
        el('td', { class: 'table-name' }, tableTitle(table)),
        el('th', { scope: 'row', class: 'line-name' }, lineButton(line.code, fullLineName(line, table))),
        el('td', { class: 'num budget' }, amount(line.budget, true)),
        el('td', { class: 'num actual' }, amount(line.actual)),
        el('td', { class: 'num projected' }, amount(line.projected)),
        el('td', { class: 'num variance', 'data-rate': line.varianceRate ?? '' }, rate(line.varianceRate, true)),
        el('td', { class: 'status-cell' }, lineStatus(line)),
        analysisCell(line))))));
}

function driftingSection(r) {
    // A line nothing was reported for is NO_ACTUALS, never drifting: every drifting line has actuals.
    const all = (r.drifting || []).map((code) => state.lines.get(code)).filter(Boolean);
    const section = el('section', { id: 'drifting', class: 'panel drifting', 'aria-labelledby': 'drifting-title' },
        el('h2', { id: 'drifting-title', class: 'section-title' },
            el('span', { class: 'icon', 'aria-hidden': 'true' }, ICONS.DRIFTING), ` ${t().driftingTitle}${t().paren(all.length)}`),
        el('p', { class: 'intro' }, t().driftingIntro(rate(r.driftThreshold))));
    if (all.length === 0) section.append(el('p', { class: 'none', id: 'no-drifting' }, t().noDrifting));
    else section.append(driftingTable(all, 'drifting-lines'));
    return section;
}

function ceilingSection(r) {
    const c = r.ceiling;
    const section = el('section', { id: 'ceiling', class: 'panel ceiling', 'aria-labelledby': 'ceiling-title' },
        el('h2', { id: 'ceiling-title', class: 'section-title' }, t().ceilingTitle));
    if (!c) {
        section.append(el('p', { class: 'none' }, t().noCeiling));
        return section;
    }
    const unit = unitName(r.unit);
    const used = num(c.usedRate);
    const width = used === null ? 0 : Math.max(0, Math.min(used, 1)) * 100;
    section.dataset.status = c.status;
    section.append(
        el('p', { class: 'ceiling-name' }, state.lang === 'ja' ? (c.nameJa || c.nameEn) : (c.nameEn || c.nameJa), ' ',
            statusBadge('ceiling', c.status, t().ceilingStatus[c.status] || c.status)),
        el('dl', { class: 'facts' },
            el('div', { class: 'fact' }, el('dt', {}, t().balance),
                el('dd', { 'data-fact': 'balance' }, c.balance === null || c.balance === undefined ? t().none
                    : `${amount(c.balance)} ${unit}${c.balanceMonth ? t().paren(t().balanceMonth(c.balanceMonth)) : ''}`)),
            el('div', { class: 'fact' }, el('dt', {}, t().limit), el('dd', { 'data-fact': 'limit' }, `${amount(c.limit)} ${unit}`)),
            el('div', { class: 'fact' }, el('dt', {}, t().usedRate), el('dd', { 'data-fact': 'used' }, rate(c.usedRate)))),
        el('div', {
            class: `meter ceiling-${c.status}`, role: 'meter', 'aria-label': t().usedRate,
            'aria-valuemin': 0, 'aria-valuemax': 100, 'aria-valuenow': used === null ? 0 : Math.round(used * 1000) / 10,
            'aria-valuetext': `${rate(c.usedRate)} (${t().ceilingStatus[c.status] || c.status})`,
        }, el('div', { class: 'fill', style: `width:${width.toFixed(1)}%` })));
    return section;
}

// ----------------------------------------------------------------------------------------------- chart

function chartSection(r) {
    const current = chartLine();
    const select = el('select', { id: 'line-select', name: 'line' },
        (r.tables || []).map((table) => el('optgroup', { label: `${t().annex(table.annex)} ${tableTitle(table)}` },
            table.lines.map((line) => el('option', { value: line.code },
                `${tableTitle(table)} · ${fullLineName(line, table)}${reported(line) ? '' : t().paren(t().unreported)}`)))));
    if (current) select.value = current.line.code;
    select.addEventListener('change', (e) => pickLine(e.target.value, false));
    return el('section', { id: 'line-chart', class: 'panel line-chart', 'aria-labelledby': 'chart-title' },
        el('h2', { id: 'chart-title', class: 'section-title', tabindex: '-1' }, t().chartTitle),
        el('label', { class: 'pick' }, el('span', {}, t().chartPick), select),
        el('div', { class: 'chart-layout' },
            el('figure', { class: 'chart-figure' },
                el('div', { id: 'budget-chart', class: 'budget-chart', role: 'img', 'data-chart': 'pending' }),
                el('figcaption', { id: 'chart-caption', class: 'chart-caption' })),
            el('div', { class: 'chart-numbers table-scroll', id: 'chart-numbers' })));
}

function pickLine(code, scroll) {
    if (!state.lines.has(code)) return;
    state.line = code;
    saveUrl();
    const select = $('#line-select');
    if (select) select.value = code;
    drawChart();
    if (scroll) {
        const heading = $('#chart-title');
        heading.scrollIntoView({ block: 'start' });
        heading.focus({ preventScroll: true });
    }
}

function disposeChart() {
    if (state.chart) {
        state.chart.dispose();
        state.chart = null;
    }
}

/** The chart's numbers month by month: monthly and cumulative actuals, the budget pro rata, the projection. */
function chartData(report, line) {
    const months = fiscalMonths(report.fiscalYear);
    const byMonth = new Map((line.months || []).map((m) => [m.month, num(m.actual)]));
    const through = report.reportedThrough;
    const throughIndex = through ? months.indexOf(through) : -1;
    const budget = num(line.budget);
    let running = 0;
    const rows = months.map((month, i) => {
        const monthly = byMonth.has(month) ? byMonth.get(month) : null;
        if (i <= throughIndex) running += monthly || 0;
        return {
            month,
            monthly: i <= throughIndex ? monthly : null,
            cumulative: i <= throughIndex ? running : null,
            linear: budget === null ? null : (budget * (i + 1)) / 12,
        };
    });
    const projected = num(line.projected);
    const projection = months.map(() => null);
    if (projected !== null && throughIndex >= 0) {
        const from = rows[throughIndex].cumulative;
        for (let i = throughIndex; i < 12; i++) {
            projection[i] = throughIndex === 11 ? projected : from + ((projected - from) * (i - throughIndex)) / (11 - throughIndex);
        }
    }
    return { months, rows, budget, projected, projection, throughIndex };
}

function drawChart() {
    const box = $('#budget-chart');
    if (!box || !state.report) return;
    disposeChart();
    const picked = chartLine();
    if (!picked) return;
    const { line, table } = picked;
    const r = state.report;
    const data = chartData(r, line);
    const unit = unitName(r.unit);
    const name = `${tableTitle(table)} ${fullLineName(line, table)}`;
    const through = data.throughIndex >= 0 ? data.rows[data.throughIndex] : null;
    const summary = t().chartSummary({
        name,
        budget: `${amount(line.budget, true)} ${unit}`,
        through: through ? t().yearMonth(through.month) : null,
        cumulative: through ? `${amount(through.cumulative)} ${unit}` : null,
        expected: `${amount(line.expectedToDate)} ${unit}`,
        projected: line.projected === null || line.projected === undefined ? null : `${amount(line.projected)} ${unit}`,
        variance: rate(line.varianceRate, true),
        status: t().status[line.status] || line.status,
    });
    box.dataset.line = line.code;
    box.setAttribute('aria-label', summary);
    $('#chart-caption').textContent = `${name} — ${t().profileNote[line.profile] || ''}`;
    fillChartTable(line, table, data, unit);

    if (!window.echarts) {
        box.dataset.chart = 'none';
        box.replaceChildren(el('span', { class: 'chart-note' }, t().chartNoEcharts));
        document.body.dataset.chartReady = 'true';
        return;
    }
    box.replaceChildren();
    const labels = data.months.map((m) => t().month(m));
    const expectedPoint = data.months.map((m, i) => (i === data.throughIndex ? num(line.expectedToDate) : null));
    const chart = window.echarts.init(box, null, { renderer: 'canvas' });
    const axisText = { fontSize: 11, color: '#5f6368' };
    chart.setOption({
        animationDuration: 300,
        textStyle: { fontFamily: getComputedStyle(document.body).fontFamily },
        grid: { left: 8, right: 16, top: 28, bottom: 36, containLabel: true },
        tooltip: { trigger: 'axis', valueFormatter: (v) => (v === null || v === undefined ? t().none : amount(v)) },
        legend: { bottom: 0, itemWidth: 14, itemHeight: 8, textStyle: axisText },
        xAxis: {
            type: 'category', data: labels, axisTick: { show: false },
            axisLine: { lineStyle: { color: '#9aa0a6' } }, axisLabel: { ...axisText, hideOverlap: true },
        },
        yAxis: { type: 'value', axisLabel: { ...axisText, formatter: (v) => formatNumber(v, 0) }, splitLine: { lineStyle: { color: '#eef0f2' } } },
        series: [
            {
                name: t().chartMonthly, type: 'bar', data: data.rows.map((x) => x.monthly), barMaxWidth: 16,
                itemStyle: { color: '#8ab4f8', borderRadius: [3, 3, 0, 0] },
            },
            {
                name: t().chartCumulative, type: 'line', data: data.rows.map((x) => x.cumulative), symbol: 'circle',
                symbolSize: 7, lineStyle: { width: 3, color: '#1a56b8' }, itemStyle: { color: '#1a56b8' },
                markLine: data.budget === null ? undefined : {
                    silent: true, symbol: 'none',
                    lineStyle: { color: '#c5221f', type: 'solid', width: 1.5 },
                    label: {
                        position: 'insideEndTop', fontSize: 11, color: '#a50e0e',
                        formatter: () => `${t().chartBudget} ${amount(data.budget)}`,
                    },
                    data: [{ yAxis: data.budget }],
                },
            },
            {
                name: t().chartLinear, type: 'line', data: data.rows.map((x) => x.linear), symbol: 'none',
                lineStyle: { type: 'dashed', width: 1.5, color: '#5f6368' }, itemStyle: { color: '#5f6368' },
            },
            {
                name: t().chartProjection, type: 'line', data: data.projection, symbol: 'triangle', symbolSize: 8,
                showSymbol: true, lineStyle: { type: 'dotted', width: 2, color: '#1a56b8' }, itemStyle: { color: '#1a56b8' },
            },
            {
                name: t().chartExpectedPoint, type: 'scatter', data: expectedPoint, symbol: 'diamond', symbolSize: 10,
                itemStyle: { color: '#e37400' },
            },
        ],
    });
    state.chart = chart;
    box.dataset.chart = 'ok';
    document.body.dataset.chartReady = 'true';
}

/** The chart's text alternative: its numbers as a table beside it, the same for a screen reader and a keyboard. */
function fillChartTable(line, table, data, unit) {
    const cell = (v, key) => el('td', { class: `num ${key}`, 'data-value': v ?? '' }, v === null || v === undefined ? t().none : amount(v));
    $('#chart-numbers').replaceChildren(el('table', { class: 'numbers chart-data', id: 'chart-table', 'data-line': line.code },
        el('caption', {}, `${tableTitle(table)} ${fullLineName(line, table)}${t().paren(t().unitLabel(unit))}`),
        el('thead', {}, el('tr', {}, [t().chartTableMonth, t().chartMonthly, t().chartCumulative, t().chartLinear]
            .map((h, i) => el('th', { scope: 'col', class: i ? 'num' : null }, h)))),
        el('tbody', {}, data.rows.map((row) => el('tr', { 'data-month': row.month },
            el('th', { scope: 'row' }, t().month(row.month)),
            cell(row.monthly, 'monthly'), cell(row.cumulative, 'cumulative'), cell(row.linear, 'linear')))),
        el('tfoot', {},
            el('tr', { 'data-row': 'expected' }, el('th', { scope: 'row', colspan: 3 }, t().chartExpectedPoint),
                cell(num(line.expectedToDate), 'expected')),
            el('tr', { 'data-row': 'projected' }, el('th', { scope: 'row', colspan: 3 }, t().chartProjection),
                cell(data.projected, 'projected')),
            el('tr', { 'data-row': 'budget' }, el('th', { scope: 'row', colspan: 3 }, t().chartBudget),
                el('td', { class: 'num budget', 'data-value': line.budget ?? '' }, amount(line.budget, true))))));
}

// --------------------------------------------------------------------------------------------- annexes

function annexSection(r) {
    const unit = unitName(r.unit);
    const section = el('section', { id: 'annexes', class: 'annexes', 'aria-labelledby': 'annexes-title' },
        el('div', { class: 'annexes-head' },
            el('h2', { id: 'annexes-title', class: 'section-title' }, t().annexTitle),
            el('div', { class: 'annex-buttons' },
                el('button', { type: 'button', id: 'open-all', class: 'small-button' }, t().openAll),
                el('button', { type: 'button', id: 'close-all', class: 'small-button' }, t().closeAll))),
        el('p', { class: 'intro' }, t().annexIntro));
    for (const kind of KINDS) {
        const tables = (r.tables || []).filter((x) => x.kind === kind);
        if (!tables.length) continue;
        section.append(el('section', { class: 'annex-kind', 'data-kind': kind, 'aria-labelledby': `kind-${kind}` },
            el('h3', { id: `kind-${kind}`, class: 'kind-title' }, t().kind[kind]),
            tables.map((table) => annexTable(table, unit))));
    }
    return section;
}

function annexTable(table, unit) {
    const anyActuals = table.lines.some(reported);
    // The lines in printed order, a group (tbody) per side under its heading: 収入/支出, 費用の部/収益の部, ...
    const groups = [];
    for (const line of table.lines) {
        if (!groups.length || groups[groups.length - 1].side !== line.side) groups.push({ side: line.side, lines: [] });
        groups[groups.length - 1].lines.push(line);
    }
    const bodies = groups.map(({ side, lines }) => el('tbody', { 'data-side': side },
        el('tr', { class: 'side-head' }, el('th', { scope: 'rowgroup', colspan: 8 },
            (t().sides[table.kind] && t().sides[table.kind][side]) || side)),
        lines.map((line) => annexRow(line, table))));
    const title = `${t().annex(table.annex)} ${tableTitle(table)}`;
    return el('details', { class: 'annex', 'data-table': table.code, open: anyActuals },
        el('summary', {}, el('span', { class: 'annex-title' }, title),
            anyActuals ? null : el('span', { class: 'fine' }, ` · ${t().noActualsInTable}`)),
        el('div', { class: 'table-scroll' }, el('table', { class: 'numbers annex-table', id: `table-${table.code}` },
            el('caption', {}, `${title}${t().paren(t().unitLabel(unit))}`,
                table.personnelCost === null || table.personnelCost === undefined ? null
                    : el('span', { class: 'fine' }, ` · ${t().personnel(amount(table.personnelCost), unit)}`)),
            el('thead', {}, el('tr', {}, [t().colLine, t().colBudget, t().colActual, t().colExecution, t().colExpected,
                t().colProjected, t().colVariance, t().colStatus].map((h, i) => el('th', { scope: 'col', class: i && i < 7 ? 'num' : null }, h)))),
            bodies)));
}

function annexRow(line, table) {
    const diff = num(line.printedDifference);
    const budgetCell = el('td', { class: 'num budget', 'data-value': line.budget ?? '' }, amount(line.budget, true));
    if (diff !== null && diff !== 0 && line.sumOfParts !== null && line.sumOfParts !== undefined) {
        budgetCell.append(el('span', { class: 'parts-note', 'data-sum-of-parts': line.sumOfParts },
            `${t().sumOfParts} ${amount(line.sumOfParts)}`));
    }
    const status = el('td', { class: 'status-cell' }, lineStatus(line));
    return el('tr', {
        class: `line${line.total ? ' total' : ''}`, 'data-line': line.code, 'data-status': line.status,
        'data-total': line.total ? 'true' : 'false',
    },
    el('th', { scope: 'row', class: 'line-name' },
        line.total ? el('span', { class: 'total-mark', title: t().total, 'aria-hidden': 'true' }, 'Σ') : null,
        lineButton(line.code, lineName(line))),
    budgetCell,
    el('td', { class: 'num actual' }, amount(line.actual)),
    el('td', { class: 'num execution' }, rate(line.executionRate)),
    el('td', { class: 'num expected' }, amount(line.expectedToDate)),
    el('td', { class: 'num projected' }, amount(line.projected)),
    el('td', { class: 'num variance', 'data-rate': line.varianceRate ?? '' }, rate(line.varianceRate, true)),
    status);
}

// ---------------------------------------------------------------------------------------------- sign-in

function signIn(reason) {
    state.auth = reason;
    state.token = null;
    storeToken(null);
    state.loading = false;
    state.report = null;
    state.error = null;
    state.notFound = false;
    render();
    renderSignIn(state.auth, t());
    $('#token').focus();
    document.body.dataset.budgetReady = 'true';
}

// ----------------------------------------------------------------------------------------------- wiring

function saveUrl() {
    const params = new URLSearchParams();
    params.set('fiscalYear', state.fiscalYear);
    if (state.asOf) params.set('asOf', state.asOf);
    if (state.line) params.set('line', state.line);
    params.set('lang', state.lang);
    history.replaceState(null, '', `${location.pathname}?${params}`);
}

function init() {
    const params = new URLSearchParams(location.search);
    Object.assign(state, yearAndDate(params, fiscalYearOf(new Date())));
    const line = params.get('line') || '';
    state.line = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/.test(line) ? line : null;
    state.token = initialToken();
    fillControls(state.fiscalYear, state.asOf, t());
    applyLabels();

    wireControls({
        signedIn: (token) => { state.token = token; load(); },
        fiscalYear: (year) => { state.fiscalYear = year; state.line = null; load(); },
        asOf: (date) => { state.asOf = date; load(); },
    });
    $('#lang-toggle').addEventListener('click', () => {
        state.lang = state.lang === 'ja' ? 'en' : 'ja';
        storeLang(state.lang);
        saveUrl();
        const open = new Set([...document.querySelectorAll('details[data-table][open]')].map((d) => d.dataset.table));
        render();
        if (state.report) {
            document.querySelectorAll('details[data-table]').forEach((d) => { d.open = open.has(d.dataset.table); });
        }
        renderSignIn(state.auth, t());
    });
    // One listener for every line name (drifting list and annex tables) and the open/close buttons.
    $('#budget').addEventListener('click', (e) => {
        const pick = e.target.closest('button[data-pick]');
        if (pick) {
            pickLine(pick.dataset.pick, true);
            return;
        }
        if (e.target.closest('#open-all')) document.querySelectorAll('details.annex').forEach((d) => { d.open = true; });
        if (e.target.closest('#close-all')) document.querySelectorAll('details.annex').forEach((d) => { d.open = false; });
    });
    window.addEventListener('resize', () => state.chart && state.chart.resize());
    load();
}

init();
