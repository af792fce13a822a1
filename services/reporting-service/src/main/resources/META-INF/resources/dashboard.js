import { el } from './dom.js';
import { renderPlan, ICONS } from './plan-tree.js';
import {
    applyFrameLabels, fillControls, getJson, initialLang, initialToken, renderSignIn, showMessage, storeLang,
    storeToken, wireControls, yearAndDate,
} from './session.js';

// The indicator dashboard: plain ES module, no build step. Data from reporting-service's own API
// (/api/v1/progress and /api/v1/progress/{code}/series); charts with ECharts from the webjar (window.echarts).
// The API needs a kpi-viewer bearer token: from the address (#token=..., as make run prints it) or pasted into
// the sign-in form; kept in this tab's sessionStorage only, and taken out of the address bar at once (session.js,
// which budget.js shares).

const TEXT = {
    ja: {
        title: '評価指標ダッシュボード',
        subtitle: '年度計画の評価指標と達成状況',
        fiscalYear: '年度',
        asOf: '基準日',
        asOfLabel: (d) => `${d} 時点`,
        chapter: '章',
        department: '部門',
        all: 'すべて',
        statusFilter: '状態',
        attentionOnly: '要対応（遅れ・要注意・期限超過）',
        sort: '並び順',
        sortPlan: '計画順（基幹目標を先頭）',
        sortAttention: '要対応を先頭',
        chartTable: '数値を表で見る',
        chartLabel: (name) => `${name} の月次グラフ。数値は下の表のとおり。`,
        tableMonth: '月',
        footer: '数値は reporting-service の /api/v1/progress と /api/v1/plan-tree による',
        langButton: 'English',
        fy: (y) => `${y}年度`,
        core: '基幹目標',
        reference: '参考指標',
        actual: '実績',
        target: '目標',
        forecast: '年度末見込み',
        expected: '計画ペース',
        months: '報告月数',
        periods: '報告回数',
        frequency: { QUARTERLY: '四半期報告', HALF_YEARLY: '半期報告', ANNUALLY: '年次報告' },
        direction: { UP: '多いほど良い', DOWN: '少ないほど良い' },
        period: (p) => (p.startsWith('FY') ? `${p.slice(2)}年度`
            : p.charAt(5) === 'Q' ? `第${p.charAt(6)}四半期` : p.charAt(5) === 'H' ? (p.charAt(6) === '1' ? '上期' : '下期')
                : `${Number(p.slice(5, 7))}月`),
        noTarget: '目標なし（参考）',
        noValue: '—',
        indicators: (n) => `${n} 指標`,
        shown: (n, total) => `${total} 指標中 ${n} 件を表示`,
        loading: '読み込み中…',
        empty: 'この条件に該当する評価指標はありません。',
        noIndicators: 'この年度の評価指標はまだありません。',
        failed: (what) => `データを取得できませんでした（${what}）。`,
        signinLabel: 'アクセストークン（kpi-viewer）',
        signinButton: '表示する',
        signinHint: 'ローカル環境では make -s token ROLE=kpi-viewer で発行できます。',
        signinNeeded: 'サインインが必要です。閲覧用のアクセストークンを入力してください。',
        signinRejected: 'アクセストークンが無効か期限切れです（401）。新しいトークンを入力してください。',
        forbidden: 'このトークンには進捗を閲覧する権限（kpi-viewer）がありません（403）。',
        noSeries: '月次データを表示できません（no series）',
        chartMonthly: '月次値',
        chartCumulative: '累計実績',
        chartExpected: '計画ペース',
        chartTarget: '目標',
        grade: '評定',
        condition: (c) => `${conditionName(c.kind, 'ja')}: ${c.actual} / ${c.required}`,
        status: {
            ACHIEVED: '達成', ON_TRACK: '順調', AT_RISK: '要注意', OFF_TRACK: '遅れ',
            NO_DATA: 'データなし', NOT_RATED: '評価対象外',
        },
        month: (m) => `${m}月`,
    },
    en: {
        title: 'Indicator dashboard',
        subtitle: 'Evaluation indicators of the annual plan and where they stand',
        fiscalYear: 'Fiscal year',
        asOf: 'As of',
        asOfLabel: (d) => `as of ${d}`,
        chapter: 'Chapter',
        department: 'Department',
        all: 'All',
        statusFilter: 'Status',
        attentionOnly: 'Needs attention (off track, at risk, overdue)',
        sort: 'Order',
        sortPlan: 'Plan order (core targets first)',
        sortAttention: 'Needs attention first',
        chartTable: 'Show the numbers as a table',
        chartLabel: (name) => `Monthly chart of ${name}; its numbers are in the table below.`,
        tableMonth: 'Month',
        footer: 'Figures from reporting-service /api/v1/progress and /api/v1/plan-tree',
        langButton: '日本語',
        fy: (y) => `FY${y}`,
        core: 'Core target',
        reference: 'Reference',
        actual: 'Actual',
        target: 'Target',
        forecast: 'Year-end forecast',
        expected: 'Expected to date',
        months: 'Months reported',
        periods: 'Periods reported',
        frequency: { QUARTERLY: 'Quarterly', HALF_YEARLY: 'Half-yearly', ANNUALLY: 'Annual' },
        direction: { UP: 'Higher is better', DOWN: 'Lower is better' },
        period: (p) => (p.startsWith('FY') ? p : p.charAt(5) === 'Q' || p.charAt(5) === 'H' ? p.slice(5)
            : ['Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec', 'Jan', 'Feb', 'Mar'][(Number(p.slice(5, 7)) + 8) % 12]),
        noTarget: 'No target (reference)',
        noValue: '—',
        indicators: (n) => `${n} indicators`,
        shown: (n, total) => `${n} of ${total} indicators shown`,
        loading: 'Loading…',
        empty: 'No indicator matches these filters.',
        noIndicators: 'No indicators for this fiscal year yet.',
        failed: (what) => `Could not load the data (${what}).`,
        signinLabel: 'Access token (kpi-viewer)',
        signinButton: 'Show',
        signinHint: 'Locally, make -s token ROLE=kpi-viewer prints one.',
        signinNeeded: 'Please sign in: paste an access token that may read progress.',
        signinRejected: 'The access token is invalid or has expired (401). Paste a new one.',
        forbidden: 'This token may not read progress: it needs the kpi-viewer role (403).',
        noSeries: 'No monthly series available (no series)',
        chartMonthly: 'Monthly',
        chartCumulative: 'Actual to date',
        chartExpected: 'Expected pace',
        chartTarget: 'Target',
        grade: 'Grade',
        condition: (c) => `${conditionName(c.kind, 'en')}: ${c.actual} / ${c.required}`,
        status: {
            ACHIEVED: 'Achieved', ON_TRACK: 'On track', AT_RISK: 'At risk', OFF_TRACK: 'Off track',
            NO_DATA: 'No data', NOT_RATED: 'Not rated',
        },
        month: (m) => ['Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec', 'Jan', 'Feb', 'Mar'][(m + 8) % 12],
    },
};

const DEPARTMENTS = {
    architecture: { ja: 'アーキテクチャ', en: 'Architecture' },
    'digital-talent': { ja: 'デジタル人材', en: 'Digital talent' },
    security: { ja: 'セキュリティ', en: 'Security' },
    administration: { ja: '総務', en: 'Administration' },
    finance: { ja: '財務', en: 'Finance' },
    'regional-investment': { ja: '地域事業出資', en: 'Regional investment' },
    'public-relations': { ja: '広報', en: 'Public relations' },
};

const UNITS_JA = {
    points: 'ポイント', cases: '件', organisations: '団体', accesses: 'アクセス', persons: '人', times: '回',
    agencies: '機関', activities: '件', score: '点', 'million yen': '百万円', meetings: '回', articles: '本',
};

const CONDITIONS = {
    MIN_DISTINCT_BREAKDOWN_VALUES: { ja: '区分数', en: 'Distinct breakdowns' },
};

const STATUS_ORDER = ['ACHIEVED', 'ON_TRACK', 'AT_RISK', 'OFF_TRACK', 'NO_DATA', 'NOT_RATED'];
/** "Needs attention first": off track, then at risk, then the rest. */
const ATTENTION_ORDER = ['OFF_TRACK', 'AT_RISK', 'NO_DATA', 'ON_TRACK', 'ACHIEVED', 'NOT_RATED'];
const FILTERS = ['all', 'attention', ...ATTENTION_ORDER];
const STATUS_COLOR = {
    ACHIEVED: '#188038', ON_TRACK: '#34a853', AT_RISK: '#f29900', OFF_TRACK: '#d93025',
    NO_DATA: '#9aa0a6', NOT_RATED: '#bdc1c6',
};

const $ = (selector, root = document) => root.querySelector(selector);

const state = {
    lang: initialLang(),
    fiscalYear: null,
    asOf: '',
    chapter: 'all',
    department: 'all',
    statusFilter: 'all',
    sort: 'plan',
    planCode: null, // the plan of the tree; null: reporting's choice (the year's plan with the most measures)
    progress: [],
    plan: null, // the plan tree of the year, or null
    planError: null, // 404 (no plan with measures) or a message
    series: new Map(), // indicatorCode -> series object, or null when it could not be had
    charts: new Map(), // indicatorCode -> echarts instance
    generation: 0,
    error: null,
    loading: false,
    token: null,
    auth: null, // null, 'missing', 'rejected' or 'forbidden'
};

const t = () => TEXT[state.lang];

function conditionName(kind, lang) {
    return (CONDITIONS[kind] && CONDITIONS[kind][lang]) || kind;
}

function departmentName(code) {
    return (DEPARTMENTS[code] && DEPARTMENTS[code][state.lang]) || code || '—';
}

function unitName(unit) {
    if (!unit) return '';
    return state.lang === 'ja' ? (UNITS_JA[unit] || unit) : unit;
}

function chapterName(p) {
    const name = state.lang === 'ja' ? (p.chapterNameJa || p.chapterNameEn) : (p.chapterNameEn || p.chapterNameJa);
    return name ? `${p.chapterCode} ${name}` : p.chapterCode;
}

/** Ratios and year-on-year changes are shown as percentages, everything else as a number with its unit. */
function isFraction(p) {
    return p.aggregation === 'RATIO' || p.aggregation === 'YOY_CHANGE' || p.unit === 'ratio';
}

function formatNumber(value, maxDigits = 2) {
    const locale = state.lang === 'ja' ? 'ja-JP' : 'en-US';
    return new Intl.NumberFormat(locale, { maximumFractionDigits: maxDigits }).format(value);
}

function formatValue(value, p, withUnit = true) {
    if (value === null || value === undefined || value === '') return t().noValue;
    const n = Number(value);
    if (!Number.isFinite(n)) return String(value);
    if (isFraction(p)) {
        const pct = formatNumber(n * 100, 1);
        return `${p.aggregation === 'YOY_CHANGE' && n > 0 ? '+' : ''}${pct} %`;
    }
    const text = formatNumber(n, Math.abs(n) < 10 ? 2 : 1);
    const unit = withUnit ? unitName(p.unit) : '';
    return unit ? `${text} ${unit}` : text;
}

function comparatorSymbol(comparator) {
    return { AT_LEAST: '≥', AT_MOST: '≤', EQUAL: '=' }[comparator] || '';
}


// ---------------------------------------------------------------------------------------------- data

function query() {
    const params = new URLSearchParams({ fiscalYear: String(state.fiscalYear) });
    if (state.asOf) params.set('asOf', state.asOf);
    return params.toString();
}

async function load() {
    const generation = ++state.generation;
    saveUrl();
    if (!state.token) {
        signIn('missing');
        return;
    }
    state.auth = null;
    renderSignIn(state.auth, t());
    state.loading = true;
    state.error = null;
    renderMessage();
    $('#indicators').setAttribute('aria-busy', 'true');
    const plan = loadPlan(generation);
    try {
        const progress = await getJson(`api/v1/progress?${query()}`, state.token);
        if (generation !== state.generation) return;
        state.progress = Array.isArray(progress) ? progress : [];
    } catch (e) {
        if (generation !== state.generation) return;
        state.progress = [];
        state.error = e.message;
        if (e.status === 401) {
            signIn('rejected');
            return;
        }
        if (e.status === 403) state.auth = 'forbidden';
    }
    state.loading = false;
    state.series = new Map();
    populateFilters();
    render();
    $('#indicators').setAttribute('aria-busy', 'false');
    await plan;
    // Every series at once: a year has a few dozen indicators at most.
    await Promise.all(state.progress.map(async (p) => {
        let series = null;
        try {
            series = await getJson(`api/v1/progress/${encodeURIComponent(p.indicatorCode)}/series?${query()}`,
                state.token);
            if (!series || !Array.isArray(series.months)) series = null;
        } catch (e) {
            series = null;
        }
        if (generation !== state.generation) return;
        state.series.set(p.indicatorCode, series);
        drawChart(p);
    }));
    if (generation === state.generation) document.body.dataset.chartsReady = 'true';
}

/** The plan tree of the year (404: no plan with measures that year), drawn once it is here. */
async function loadPlan(generation) {
    let tree = null;
    let error = null;
    try {
        const params = new URLSearchParams(query());
        if (state.planCode) params.set('planCode', state.planCode);
        tree = await getJson(`api/v1/plan-tree?${params}`, state.token);
    } catch (e) {
        error = e.status === 404 ? 404 : e.message;
    }
    if (generation !== state.generation) return;
    state.plan = tree;
    state.planError = error;
    renderPlanTree();
    document.body.dataset.planReady = 'true';
}

function renderPlanTree() {
    const box = $('#plan');
    if (!state.token) {
        box.replaceChildren();
        return;
    }
    renderPlan(box, state.plan, state.planError, {
        lang: state.lang,
        filter: state.statusFilter,
        departmentName,
        number: (v) => formatNumber(v, 1),
    });
}

// -------------------------------------------------------------------------------------------- render

function applyLabels() {
    applyFrameLabels(state.lang, t());
    populateStatusControls();
}

function populateStatusControls() {
    const filter = $('#status-filter');
    filter.replaceChildren(...FILTERS.map((value) => el('option', { value },
        value === 'all' ? t().all : value === 'attention' ? t().attentionOnly
            : `${ICONS[value]} ${t().status[value]}`)));
    filter.value = state.statusFilter;
    const sort = $('#sort');
    sort.replaceChildren(el('option', { value: 'plan' }, t().sortPlan),
        el('option', { value: 'attention' }, t().sortAttention));
    sort.value = state.sort;
}

function populateFilters() {
    const chapters = new Map();
    const departments = new Set();
    for (const p of state.progress) {
        if (p.chapterCode) chapters.set(p.chapterCode, p);
        if (p.department) departments.add(p.department);
    }
    const chapterSelect = $('#chapter-filter');
    chapterSelect.replaceChildren(el('option', { value: 'all', 'data-i18n': 'all', text: t().all }));
    const romanOrder = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X'];
    const chapterKeys = [...chapters.keys()].sort((a, b) => {
        const ia = romanOrder.indexOf(a);
        const ib = romanOrder.indexOf(b);
        return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib) || a.localeCompare(b);
    });
    for (const code of chapterKeys) {
        chapterSelect.append(el('option', { value: code, title: chapterName(chapters.get(code)),
            text: truncate(chapterName(chapters.get(code)), 34) }));
    }
    chapterSelect.disabled = chapters.size === 0;
    if (state.chapter !== 'all' && !chapters.has(state.chapter)) state.chapter = 'all';
    chapterSelect.value = state.chapter;

    const departmentSelect = $('#department-filter');
    departmentSelect.replaceChildren(el('option', { value: 'all', 'data-i18n': 'all', text: t().all }));
    for (const code of [...departments].sort()) {
        departmentSelect.append(el('option', { value: code, text: departmentName(code) }));
    }
    departmentSelect.disabled = departments.size === 0;
    if (state.department !== 'all' && !departments.has(state.department)) state.department = 'all';
    departmentSelect.value = state.department;
}

function truncate(text, max) {
    return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function visible(p) {
    const status = p.status || 'NO_DATA';
    return (state.chapter === 'all' || p.chapterCode === state.chapter)
        && (state.department === 'all' || p.department === state.department)
        && (state.statusFilter === 'all'
            || (state.statusFilter === 'attention' ? status === 'OFF_TRACK' || status === 'AT_RISK'
                : status === state.statusFilter));
}

/** The cards in the chosen order: the API's (core targets first), or what needs attention first. */
function ordered() {
    if (state.sort !== 'attention') return state.progress;
    const rank = (p) => ATTENTION_ORDER.indexOf(p.status || 'NO_DATA');
    return [...state.progress].sort((a, b) => rank(a) - rank(b));
}

function render() {
    applyLabels();
    disposeCharts();
    const container = $('#indicators');
    container.replaceChildren(...ordered().map(card));
    applyFilters();
    renderPlanTree();
    for (const p of state.progress) {
        if (state.series.has(p.indicatorCode)) drawChart(p);
    }
}

function applyFilters() {
    // Moving a card keeps its chart: the order follows the sort without drawing anything again.
    const container = $('#indicators');
    for (const p of ordered()) {
        const node = container.querySelector(`:scope > .card[data-indicator="${CSS.escape(p.indicatorCode)}"]`);
        if (node) container.append(node);
    }
    let shown = 0;
    for (const node of document.querySelectorAll('#indicators > .card')) {
        const p = state.progress.find((x) => x.indicatorCode === node.dataset.indicator);
        const show = p && visible(p);
        node.hidden = !show;
        if (show) shown++;
    }
    renderSummary(shown);
    renderMessage(shown);
    requestAnimationFrame(() => state.charts.forEach((chart) => chart.resize()));
}

function renderSummary(shown) {
    const summary = $('#summary');
    const counts = Object.fromEntries(STATUS_ORDER.map((s) => [s, 0]));
    for (const p of state.progress) if (visible(p) && counts[p.status] !== undefined) counts[p.status]++;
    const total = state.progress.length;
    summary.replaceChildren(
        el('span', { class: 'count', id: 'shown-count', 'data-shown': shown, 'data-total': total },
            shown === total ? t().indicators(total) : t().shown(shown, total)),
        ...STATUS_ORDER.filter((s) => counts[s] > 0).map((s) => el('span',
            { class: `chip status-${s}`, 'data-status-count': s },
            el('span', { class: 'dot', 'aria-hidden': 'true' }, ICONS[s]), t().status[s], el('b', {}, counts[s]))));
    const asOf = state.progress[0] && state.progress[0].asOf;
    $('#as-of-label').textContent = asOf ? t().asOfLabel(asOf) : '';
}

/** Shows the sign-in form and why; the stored token, if any, is forgotten. */
function signIn(reason) {
    state.auth = reason;
    state.token = null;
    storeToken(null);
    state.loading = false;
    state.progress = [];
    state.plan = null;
    state.error = null;
    render();
    $('#indicators').setAttribute('aria-busy', 'false');
    renderSignIn(state.auth, t());
    $('#token').focus();
}

function renderMessage(shown) {
    showMessage(state.auth, state.loading, t(), () => {
        if (state.error) return [t().failed(state.error), 'error'];
        if (state.progress.length === 0) return [t().noIndicators, 'info'];
        if (shown === 0) return [t().empty, 'info'];
        return null;
    });
}

function card(p) {
    const status = p.status || 'NO_DATA';
    const rate = p.achievementRate === null || p.achievementRate === undefined ? null : Number(p.achievementRate);
    const width = rate === null ? 0 : Math.max(0, Math.min(rate, 1)) * 100;
    const pct = rate === null ? t().noValue : `${formatNumber(rate * 100, 1)} %`;
    const name = state.lang === 'ja' ? (p.nameJa || p.nameEn) : (p.nameEn || p.nameJa);
    const place = p.planItemCode || p.chapterCode;
    const target = p.target === null || p.target === undefined
        ? t().noTarget : `${comparatorSymbol(p.comparator)} ${formatValue(p.target, p)}`;
    // Periods of the indicator's own frequency: a half-yearly committee reports 2 a year, not 12 months.
    const frequency = p.frequency || 'MONTHLY';
    const perYear = { MONTHLY: 12, QUARTERLY: 4, HALF_YEARLY: 2, ANNUALLY: 1 }[frequency] || 12;
    const last = p.lastReportedPeriod || p.lastReportedMonth;
    const monthsText = `${p.monthsReported ?? 0} / ${perYear}${last ? ` (${last})` : ''}`;
    return el('article', {
        class: `card status-${status}${p.coreTarget ? ' core' : ''}`,
        'data-indicator': p.indicatorCode, 'data-status': status, 'data-core': p.coreTarget ? 'true' : 'false',
        'data-chapter': p.chapterCode || '', 'data-department': p.department || '', 'data-grade': p.grade || '',
    },
    el('header', { class: 'card-head' },
        el('div', { class: 'tags' },
            p.coreTarget ? el('span', { class: 'tag core-tag', 'data-label': 'core' }, t().core) : null,
            p.referenceOnly ? el('span', { class: 'tag ref-tag' }, t().reference) : null,
            frequency !== 'MONTHLY' ? el('span', { class: 'tag freq-tag', 'data-frequency': frequency },
                t().frequency[frequency] || frequency) : null,
            p.goodDirection ? el('span', { class: 'tag dir-tag', 'data-direction': p.goodDirection },
                `${p.goodDirection === 'DOWN' ? '↓' : '↑'} ${t().direction[p.goodDirection]}`) : null,
            place ? el('span', { class: 'tag place', title: p.chapterCode ? chapterName(p) : null }, place) : null,
            el('span', { class: 'tag dept' }, departmentName(p.department))),
        el('span', {
            class: `grade grade-${p.grade || 'none'}`, 'data-grade': p.grade || '',
            title: `${t().grade}: ${p.grade || '—'}`,
        }, p.grade || '–')),
    el('h2', { class: 'name', title: name }, name),
    el('div', { class: 'status-line' },
        el('span', { class: 'status', 'data-status': status },
            el('span', { class: 'dot', 'aria-hidden': 'true' }, ICONS[status]), t().status[status] || status),
        el('code', { class: 'code' }, p.indicatorCode)),
    el('div', { class: 'progress-row' },
        el('div', {
            class: `progress${rate !== null && rate > 1 ? ' over' : ''}`, role: 'progressbar',
            'aria-valuemin': 0, 'aria-valuemax': 100, 'aria-valuenow': rate === null ? null : Math.round(rate * 100),
        }, el('div', { class: 'fill', style: `width:${width.toFixed(1)}%` })),
        el('span', { class: 'pct', 'data-rate': rate === null ? '' : rate }, pct)),
    el('dl', { class: 'figures' },
        figure(t().actual, formatValue(p.actual, p), 'actual'),
        figure(t().target, target, 'target'),
        p.referenceOnly ? null : figure(t().forecast, formatValue(p.forecast, p), 'forecast'),
        figure(frequency === 'MONTHLY' ? t().months : t().periods, monthsText, 'months')),
    (p.conditions && p.conditions.length)
        ? el('ul', { class: 'conditions' }, p.conditions.map((c) =>
            el('li', { class: c.met ? 'met' : 'unmet' }, `${c.met ? '✓' : '✗'} ${t().condition(c)}`)))
        : null,
    el('div', {
        class: 'chart', 'data-chart': p.indicatorCode, 'data-series': 'pending', role: 'img',
        'aria-label': t().chartLabel(name),
    }, el('span', { class: 'chart-note' }, t().loading)),
    el('details', { class: 'chart-table', 'data-table': p.indicatorCode, hidden: true },
        el('summary', {}, t().chartTable)));
}

function figure(label, value, key) {
    return el('div', { class: `figure figure-${key}` }, el('dt', {}, label), el('dd', { class: key }, value));
}

// --------------------------------------------------------------------------------------------- chart

function disposeCharts() {
    state.charts.forEach((chart) => chart.dispose());
    state.charts.clear();
}

function drawChart(p) {
    const box = document.querySelector(`.chart[data-chart="${CSS.escape(p.indicatorCode)}"]`);
    if (!box) return;
    const series = state.series.get(p.indicatorCode);
    const existing = state.charts.get(p.indicatorCode);
    if (existing) { existing.dispose(); state.charts.delete(p.indicatorCode); }
    if (!series || !window.echarts) {
        box.dataset.series = 'none';
        box.replaceChildren(el('span', { class: 'chart-note' }, t().noSeries));
        return;
    }
    const months = series.months;
    const num = (v) => (v === null || v === undefined ? null : Number(v));
    const values = months.map((m) => num(m.value));
    const cumulative = months.map((m) => num(m.cumulative));
    const expected = months.map((m) => num(m.expectedCumulative));
    const target = num(series.target ?? p.target);
    box.dataset.series = 'ok';
    box.dataset.points = String(values.filter((v) => v !== null).length);
    box.replaceChildren();
    // The chart's text alternative: each period of the indicator's frequency with its value and running actual.
    const labels = months.map((m) => (m.period ? t().period(String(m.period)) : t().month(Number(String(m.month).slice(5, 7)))));
    box.setAttribute('role', 'img');
    box.setAttribute('aria-label', [`${t().target} ${target === null ? t().noValue : formatValue(target, p, false)}`,
        ...labels.map((label, i) => `${label}: ${values[i] === null ? t().noValue : formatValue(values[i], p, false)}`
            + (cumulative[i] === null ? '' : ` (${t().actual} ${formatValue(cumulative[i], p, false)})`))].join('; '));

    // Monthly values share the running actual's scale, except for a change (year on year, or from a baseline):
    // there the months are levels on an axis of their own.
    const twoAxes = p.aggregation === 'YOY_CHANGE' || p.scope === 'CHANGE_FROM_BASELINE';
    const fraction = isFraction(p);
    const axisLabel = (asFraction) => ({
        fontSize: 10, color: '#5f6368',
        formatter: (v) => (asFraction ? `${formatNumber(v * 100, 1)}%` : compact(v)),
    });
    // The axis of the running actual spans 0, the target and every point, in round numbers.
    const lineValues = [0, target, ...cumulative, ...expected, ...(twoAxes ? [] : values)]
        .filter((v) => v !== null && Number.isFinite(v));
    const hi = Math.max(...lineValues);
    const lo = Math.min(...lineValues);
    const lineAxis = {
        type: 'value', axisLabel: axisLabel(fraction), splitLine: { lineStyle: { color: '#eef0f2' } },
        max: hi > 0 ? niceCeil(hi * 1.04) : 0, min: lo < 0 ? -niceCeil(-lo * 1.04) : 0,
    };
    const yAxis = twoAxes
        ? [{ type: 'value', axisLabel: axisLabel(false), splitLine: { show: false } }, { ...lineAxis, splitLine: { show: false } }]
        : [lineAxis];
    if (twoAxes) yAxis[0].splitLine = { lineStyle: { color: '#eef0f2' } };
    const lineAxisIndex = twoAxes ? 1 : 0;
    fillTable(p, months);
    const chart = window.echarts.init(box, null, { renderer: 'canvas' });
    chart.setOption({
        animationDuration: 300,
        color: ['#8ab4f8', '#1a73e8', '#9aa0a6'],
        textStyle: { fontFamily: getComputedStyle(document.body).fontFamily },
        grid: { left: 8, right: 8, top: 22, bottom: 28, containLabel: true },
        tooltip: {
            trigger: 'axis',
            valueFormatter: (v) => (v === null || v === undefined ? '—' : formatValue(v, p, false)),
        },
        legend: { bottom: 0, itemWidth: 12, itemHeight: 8, textStyle: { fontSize: 10, color: '#5f6368' } },
        xAxis: {
            type: 'category',
            data: labels,
            axisTick: { show: false },
            axisLine: { lineStyle: { color: '#dadce0' } },
            axisLabel: { fontSize: 10, color: '#5f6368', interval: 0 },
        },
        yAxis,
        series: [
            { name: t().chartMonthly, type: 'bar', data: values, barMaxWidth: 14, itemStyle: { borderRadius: [3, 3, 0, 0] } },
            {
                name: t().chartCumulative, type: 'line', yAxisIndex: lineAxisIndex, data: cumulative, connectNulls: false,
                symbolSize: 5, lineStyle: { width: 2.5 },
                markLine: target === null ? undefined : {
                    silent: true, symbol: 'none',
                    lineStyle: { color: STATUS_COLOR.OFF_TRACK, type: 'solid', width: 1.5 },
                    label: {
                        position: 'insideEndTop', fontSize: 10, color: STATUS_COLOR.OFF_TRACK,
                        formatter: () => `${t().chartTarget} ${formatValue(target, p, false)}`,
                    },
                    data: [{ yAxis: target }],
                },
            },
            {
                name: t().chartExpected, type: 'line', yAxisIndex: lineAxisIndex, data: expected, symbol: 'none',
                lineStyle: { type: 'dashed', width: 1.5 },
            },
        ],
    });
    state.charts.set(p.indicatorCode, chart);
}

/**
 * The chart's text alternative: its numbers as a table (month, monthly value, running actual, expected pace), under
 * a disclosure below the chart, so that a screen reader or a keyboard user gets what the picture shows.
 */
function fillTable(p, months) {
    const box = document.querySelector(`.chart-table[data-table="${CSS.escape(p.indicatorCode)}"]`);
    if (!box) return;
    const cell = (v) => el('td', { 'data-value': v ?? '' }, v === null || v === undefined ? t().noValue : formatValue(v, p, false));
    const open = box.open;
    box.replaceChildren(el('summary', {}, t().chartTable), el('table', {},
        el('caption', {}, state.lang === 'ja' ? (p.nameJa || p.nameEn) : (p.nameEn || p.nameJa)),
        el('thead', {}, el('tr', {}, [t().tableMonth, t().chartMonthly, t().chartCumulative, t().chartExpected]
            .map((h) => el('th', { scope: 'col' }, h)))),
        el('tbody', {}, months.map((m) => el('tr', { 'data-month': m.month },
            el('th', { scope: 'row' }, `${m.month}`), cell(m.value), cell(m.cumulative), cell(m.expectedCumulative))))));
    box.open = open;
    box.hidden = false;
}

/** The smallest of 1, 2, 2.5, 5 times a power of ten that is at least the value. */
function niceCeil(value) {
    if (!(value > 0)) return 1;
    const power = 10 ** Math.floor(Math.log10(value));
    for (const step of [1, 2, 2.5, 5, 10]) {
        if (step * power >= value * (1 - 1e-9)) return step * power;
    }
    return 10 * power;
}

function compact(value) {
    const locale = state.lang === 'ja' ? 'ja-JP' : 'en-US';
    return new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 }).format(value);
}

// ------------------------------------------------------------------------------------------- wiring

function saveUrl() {
    const params = new URLSearchParams();
    params.set('fiscalYear', state.fiscalYear);
    if (state.asOf) params.set('asOf', state.asOf);
    if (state.chapter !== 'all') params.set('chapter', state.chapter);
    if (state.department !== 'all') params.set('department', state.department);
    if (state.statusFilter !== 'all') params.set('status', state.statusFilter);
    if (state.sort !== 'plan') params.set('sort', state.sort);
    if (state.planCode) params.set('plan', state.planCode);
    params.set('lang', state.lang);
    history.replaceState(null, '', `${location.pathname}?${params}`);
}

function init() {
    const params = new URLSearchParams(location.search);
    Object.assign(state, yearAndDate(params, 2024));
    state.chapter = params.get('chapter') || 'all';
    state.department = params.get('department') || 'all';
    state.statusFilter = FILTERS.includes(params.get('status')) ? params.get('status') : 'all';
    state.sort = params.get('sort') === 'attention' ? 'attention' : 'plan';
    state.planCode = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(params.get('plan') || '') ? params.get('plan') : null;

    state.token = initialToken();
    fillControls(state.fiscalYear, state.asOf, t());
    applyLabels();

    wireControls({
        signedIn: (token) => { state.token = token; load(); },
        // A plan belongs to one fiscal year (reporting refuses another year's plan): another year, that year's plan.
        fiscalYear: (year) => { state.fiscalYear = year; state.planCode = null; load(); },
        asOf: (date) => { state.asOf = date; load(); },
    });
    $('#chapter-filter').addEventListener('change', (e) => {
        state.chapter = e.target.value;
        saveUrl();
        applyFilters();
    });
    $('#department-filter').addEventListener('change', (e) => {
        state.department = e.target.value;
        saveUrl();
        applyFilters();
    });
    $('#status-filter').addEventListener('change', (e) => {
        state.statusFilter = e.target.value;
        saveUrl();
        applyFilters();
        renderPlanTree();
    });
    $('#sort').addEventListener('change', (e) => {
        state.sort = e.target.value;
        saveUrl();
        applyFilters();
    });
    $('#lang-toggle').addEventListener('click', () => {
        state.lang = state.lang === 'ja' ? 'en' : 'ja';
        storeLang(state.lang);
        saveUrl();
        populateFilters();
        populateStatusControls();
        render();
        renderSignIn(state.auth, t());
    });
    window.addEventListener('resize', () => state.charts.forEach((chart) => chart.resize()));
    load();
}

init();
