// The plan tree of the dashboard: chapter by chapter (native <details>, keyboard and screen-reader friendly), what
// needs attention first at every level (overdue milestones, delayed measures, off-track indicators), every state in
// words and an icon, never by colour alone. Data: reporting-service's GET /api/v1/plan-tree.

import { el } from './dom.js';

const TEXT = {
    ja: {
        heading: '計画の実施状況',
        summary: (s) => `施策 ${s.measures} 件・重要な取組 ${s.initiatives} 件・マイルストーン ${s.milestones} 件（期限超過 ${s.overdueMilestones} 件、完了 ${s.doneMilestones} 件）`,
        none: 'この年度の計画の施策はまだありません。',
        failed: (what) => `計画の実施状況を取得できませんでした（${what}）。`,
        overdueList: '期限超過のマイルストーン',
        noOverdue: '期限超過のマイルストーンはありません。',
        overdue: (n) => `期限超過 ${n}`,
        delayed: (n) => `遅延 ${n}`,
        offTrack: (n) => `要注意指標 ${n}`,
        fine: '対応が必要な事項なし',
        initiatives: '令和６年度における重要な取組',
        measures: '施策',
        indicators: '評価指標',
        milestones: 'マイルストーン',
        due: '期限',
        done: (d) => `${d} 完了`,
        daysOverdue: (n) => `${n} 日超過`,
        commentary: (p) => (p === 'H1' ? '上期のコメント' : '年度末のコメント'),
        commentDone: '実施内容',
        commentProblems: '課題',
        commentNext: '今後の対応',
        evidence: '根拠資料',
        concerns: '対象項目',
        hiddenByFilter: 'この条件に該当する項目はありません。',
        measureStatus: {
            NOT_STARTED: '未着手', ON_TRACK: '順調', DELAYED: '遅延', DONE: '完了', DROPPED: '中止',
        },
        milestoneState: { OPEN: '予定', OVERDUE: '期限超過', DONE: '完了', DROPPED: '中止' },
        indicatorStatus: {
            ACHIEVED: '達成', ON_TRACK: '順調', AT_RISK: '要注意', OFF_TRACK: '遅れ', NO_DATA: 'データなし', NOT_RATED: '評価対象外',
        },
    },
    en: {
        heading: 'Plan execution',
        summary: (s) => `${s.measures} measures, ${s.initiatives} important initiatives, ${s.milestones} milestones (${s.overdueMilestones} overdue, ${s.doneMilestones} done)`,
        none: 'No measures of this fiscal year\'s plan yet.',
        failed: (what) => `Could not load the plan execution (${what}).`,
        overdueList: 'Overdue milestones',
        noOverdue: 'No milestone is overdue.',
        overdue: (n) => `${n} overdue`,
        delayed: (n) => `${n} delayed`,
        offTrack: (n) => `${n} off-track indicators`,
        fine: 'Nothing needs attention',
        initiatives: 'Important initiatives of FY2024',
        measures: 'Measures',
        indicators: 'Indicators',
        milestones: 'Milestones',
        due: 'Due',
        done: (d) => `done ${d}`,
        daysOverdue: (n) => `${n} days overdue`,
        commentary: (p) => (p === 'H1' ? 'First-half commentary' : 'Year-end commentary'),
        commentDone: 'Done',
        commentProblems: 'Problems',
        commentNext: 'Next steps',
        evidence: 'Evidence',
        concerns: 'Concerns',
        hiddenByFilter: 'Nothing matches this filter.',
        measureStatus: {
            NOT_STARTED: 'Not started', ON_TRACK: 'On track', DELAYED: 'Delayed', DONE: 'Done', DROPPED: 'Dropped',
        },
        milestoneState: { OPEN: 'Open', OVERDUE: 'Overdue', DONE: 'Done', DROPPED: 'Dropped' },
        indicatorStatus: {
            ACHIEVED: 'Achieved', ON_TRACK: 'On track', AT_RISK: 'At risk', OFF_TRACK: 'Off track', NO_DATA: 'No data', NOT_RATED: 'Not rated',
        },
    },
};

/** A shape for every state, beside its word: the state is never told by colour alone. */
export const ICONS = {
    ACHIEVED: '◎', ON_TRACK: '○', AT_RISK: '△', OFF_TRACK: '✕', NO_DATA: '－', NOT_RATED: '・',
    NOT_STARTED: '□', DELAYED: '▲', DONE: '✓', DROPPED: '⊘', OPEN: '◇', OVERDUE: '⚠',
};

const ATTENTION_INDICATOR = new Set(['OFF_TRACK', 'AT_RISK']);


/** A state as an icon and its word; the class gives the colour, which only repeats what the word says. */
export function badge(kind, state, label) {
    return el('span', { class: `badge ${kind}-${state}`, 'data-state': state },
        el('span', { class: 'icon', 'aria-hidden': 'true' }, ICONS[state] || '・'), label);
}

function attentionTotal(a) {
    return a ? a.overdueMilestones + a.delayedMeasures + a.offTrackIndicators : 0;
}

/** Overdue first, then delayed, then off-track indicators; plan order where they tie (the sort is stable). */
function byAttention(a, b) {
    return (b.attention.overdueMilestones - a.attention.overdueMilestones)
        || (b.attention.delayedMeasures - a.attention.delayedMeasures)
        || (b.attention.offTrackIndicators - a.attention.offTrackIndicators);
}

function measureAttention(m) {
    const own = m.milestones.filter((x) => x.state === 'OVERDUE').length;
    const delayed = m.status === 'DELAYED' ? 1 : 0;
    return (m.measures || []).reduce((sum, sub) => sum + measureAttention(sub), own * 100 + delayed);
}

function itemMatches(item, filter) {
    if (filter === 'all') return true;
    if (filter === 'attention') return attentionTotal(item.attention) > 0;
    return item.indicators.some((i) => i.status === filter) || item.items.some((child) => itemMatches(child, filter));
}

function indicatorMatches(i, filter) {
    if (filter === 'all') return true;
    return filter === 'attention' ? ATTENTION_INDICATOR.has(i.status) : i.status === filter;
}

function measureMatches(m, filter) {
    return filter !== 'attention' || measureAttention(m) > 0;
}

/**
 * Renders the tree into the container. ctx: lang, filter ('all', 'attention' or an indicator status),
 * departmentName(code), number(value).
 */
export function renderPlan(container, tree, error, ctx) {
    const t = TEXT[ctx.lang];
    container.replaceChildren();
    container.append(el('h2', { id: 'plan-title', class: 'plan-title' }, t.heading));
    if (error) {
        container.append(el('p', { class: 'message', role: 'status' }, error === 404 ? t.none : t.failed(error)));
        return;
    }
    if (!tree) return;
    container.dataset.plan = tree.planCode;
    container.append(el('p', { class: 'plan-summary', id: 'plan-summary' }, t.summary(tree.summary)));
    container.append(overdueList(tree, t));
    const chapters = [...tree.items].sort(byAttention).filter((item) => itemMatches(item, ctx.filter));
    const list = el('div', { class: 'plan-chapters', id: 'plan-chapters' });
    for (const chapter of chapters) list.append(itemNode(chapter, 0, t, ctx));
    if (chapters.length === 0) list.append(el('p', { class: 'message' }, t.hiddenByFilter));
    container.append(list);
}

function overdueList(tree, t) {
    const rows = [];
    const walk = (items, chapter) => {
        for (const item of items) {
            const visit = (m) => {
                for (const ms of m.milestones) {
                    if (ms.state === 'OVERDUE') rows.push({ ms, m, chapter: chapter || item.code });
                }
                (m.measures || []).forEach(visit);
            };
            item.initiatives.forEach(visit);
            item.measures.forEach(visit);
            walk(item.items, chapter || item.code);
        }
    };
    walk(tree.items, null);
    rows.sort((a, b) => (b.ms.daysOverdue || 0) - (a.ms.daysOverdue || 0) || a.ms.code.localeCompare(b.ms.code));
    const section = el('section', { class: 'overdue-list', 'aria-labelledby': 'overdue-title' },
        el('h3', { id: 'overdue-title' }, `${ICONS.OVERDUE} ${t.overdueList} (${rows.length})`));
    if (rows.length === 0) {
        section.append(el('p', {}, t.noOverdue));
        return section;
    }
    section.append(el('ul', { id: 'overdue-milestones' }, rows.map(({ ms, m }) => el('li', {
        class: 'overdue-row', 'data-milestone': ms.code, 'data-days': ms.daysOverdue ?? '',
    }, badge('milestone', 'OVERDUE', t.milestoneState.OVERDUE), ' ',
    el('strong', {}, ms.code), ` ${ms.nameJa} — ${t.due} ${ms.due}（${t.daysOverdue(ms.daysOverdue)}）`,
    el('span', { class: 'muted' }, ` · ${m.code}`)))));
    return section;
}

function attentionBadges(a, t) {
    const parts = [];
    if (a.overdueMilestones) parts.push(badge('milestone', 'OVERDUE', t.overdue(a.overdueMilestones)));
    if (a.delayedMeasures) parts.push(badge('measure', 'DELAYED', t.delayed(a.delayedMeasures)));
    if (a.offTrackIndicators) parts.push(badge('indicator', 'OFF_TRACK', t.offTrack(a.offTrackIndicators)));
    if (parts.length === 0) parts.push(el('span', { class: 'fine' }, t.fine));
    return el('span', { class: 'attention' }, parts);
}

function itemNode(item, depth, t, ctx) {
    const name = ctx.lang === 'ja' ? (item.nameJa || item.nameEn) : (item.nameEn || item.nameJa);
    const needs = attentionTotal(item.attention) > 0;
    const details = el('details', {
        class: `plan-item depth-${Math.min(depth, 3)}`, 'data-code': item.code,
        'data-overdue': item.attention.overdueMilestones, 'data-attention': attentionTotal(item.attention),
    });
    // Chapters start closed (a manager opens them one by one); inside an open chapter what needs attention is open.
    if (depth > 0 && needs) details.open = true;
    details.append(el('summary', {},
        el('span', { class: 'item-code' }, item.code), ' ',
        el('span', { class: 'item-name' }, name), ' ', attentionBadges(item.attention, t)));
    const body = el('div', { class: 'plan-item-body' });
    const indicators = item.indicators.filter((i) => indicatorMatches(i, ctx.filter));
    if (indicators.length) {
        body.append(el('h4', {}, t.indicators), el('ul', { class: 'plan-indicators' }, indicators.map((i) => el('li', {
            class: 'plan-indicator', 'data-indicator': i.code, 'data-status': i.status,
        }, badge('indicator', i.status, t.indicatorStatus[i.status] || i.status), ' ',
        ctx.lang === 'ja' ? i.nameJa : (i.nameEn || i.nameJa),
        i.achievementRate === null || i.achievementRate === undefined ? ''
            : ` (${ctx.number(Number(i.achievementRate) * 100)} %)`))));
    }
    if (ctx.filter === 'all' || ctx.filter === 'attention') {
        const initiatives = sortMeasures(item.initiatives).filter((m) => measureMatches(m, ctx.filter));
        if (initiatives.length) {
            body.append(el('h4', {}, `【${t.initiatives}】`),
                el('ol', { class: 'plan-measures initiatives' }, initiatives.map((m) => measureNode(m, t, ctx))));
        }
        const measures = sortMeasures(item.measures).filter((m) => measureMatches(m, ctx.filter));
        if (measures.length) {
            body.append(el('h4', {}, t.measures),
                el('ol', { class: 'plan-measures' }, measures.map((m) => measureNode(m, t, ctx))));
        }
    }
    const children = [...item.items].sort(byAttention).filter((child) => itemMatches(child, ctx.filter));
    for (const child of children) body.append(itemNode(child, depth + 1, t, ctx));
    details.append(body);
    return details;
}

function sortMeasures(measures) {
    return [...measures].sort((a, b) => measureAttention(b) - measureAttention(a));
}

function measureNode(m, t, ctx) {
    const statusLabel = t.measureStatus[m.status] || m.status || '?';
    const milestones = [...m.milestones].sort((a, b) => (b.state === 'OVERDUE') - (a.state === 'OVERDUE'));
    return el('li', { class: 'plan-measure', 'data-measure': m.code, 'data-status': m.status || '' },
        el('div', { class: 'measure-head' },
            el('span', { class: 'marker' }, m.marker || ''), ' ',
            badge('measure', m.status || 'NOT_STARTED', statusLabel), ' ',
            el('span', { class: 'tag dept' }, ctx.departmentName(m.department)), ' ',
            el('code', { class: 'muted' }, m.code)),
        m.titleJa ? el('p', { class: 'measure-title' }, m.titleJa) : null,
        el('p', { class: 'measure-text' }, ctx.lang === 'ja' ? m.textJa : (m.nameEn || m.textJa)),
        m.concerns && m.concerns.length ? el('p', { class: 'muted' }, `${t.concerns}: ${m.concerns.join(', ')}`) : null,
        milestones.length ? el('ul', { class: 'milestones', 'aria-label': t.milestones }, milestones.map((ms) => el('li', {
            class: 'milestone', 'data-milestone': ms.code, 'data-state': ms.state,
        }, badge('milestone', ms.state, t.milestoneState[ms.state] || ms.state), ' ',
        ctx.lang === 'ja' ? ms.nameJa : (ms.nameEn || ms.nameJa), ` — ${t.due} ${ms.due}`,
        ms.doneOn ? `（${t.done(ms.doneOn)}）` : '',
        ms.state === 'OVERDUE' ? `（${t.daysOverdue(ms.daysOverdue)}）` : ''))) : null,
        ...(m.commentary || []).map((c) => el('details', { class: 'commentary', 'data-period': c.period },
            el('summary', {}, `${t.commentary(c.period)}（rev. ${c.revision}, ${String(c.recordedAt).slice(0, 10)}）`),
            el('dl', {},
                c.done ? [el('dt', {}, t.commentDone), el('dd', {}, c.done)] : null,
                c.problems ? [el('dt', {}, t.commentProblems), el('dd', {}, c.problems)] : null,
                c.nextSteps ? [el('dt', {}, t.commentNext), el('dd', {}, c.nextSteps)] : null,
                c.evidence && c.evidence.length ? [el('dt', {}, t.evidence), el('dd', {}, c.evidence.map((url) =>
                    // Only web links become links: the events are checked by plan-service, but a page trusts no data.
                    (/^https?:\/\//i.test(url) ? el('a', { href: url, rel: 'noopener noreferrer' }, url) : el('span', {}, url))))]
                    : null))),
        m.measures && m.measures.length
            ? el('ol', { class: 'plan-measures sub' }, sortMeasures(m.measures).filter((s) => measureMatches(s, ctx.filter))
                .map((s) => measureNode(s, t, ctx)))
            : null);
}
