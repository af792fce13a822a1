import { el } from './dom.js';

// What the dashboard's pages (index.html with dashboard.js, budget.html with budget.js) share: one sign-in and one
// language for the tab, the reporting API called with that sign-in, and the frame around each page's own content —
// its labels in the chosen language, the fiscal-year and as-of controls, the sign-in form and the message box.
// The kpi-viewer token comes from the address (#token=..., as make run prints it) or the sign-in form; it is kept in
// this tab's sessionStorage only, and taken out of the address bar at once.

const TOKEN_KEY = 'kpi.dashboard.token';
const LANG_KEY = 'kpi.dashboard.lang';
const DATE = /^\d{4}-\d{2}-\d{2}$/;

const $ = (selector) => document.querySelector(selector);

// ----------------------------------------------------------------------------------- token and language

/** The token from #token=... (then removed from the address bar) or from this tab's earlier sign-in. */
export function initialToken() {
    const fragment = new URLSearchParams(location.hash.replace(/^#/, ''));
    const fromUrl = fragment.get('token');
    if (fromUrl) {
        history.replaceState(null, '', `${location.pathname}${location.search}`);
        storeToken(fromUrl.trim());
        return fromUrl.trim();
    }
    try {
        return sessionStorage.getItem(TOKEN_KEY);
    } catch (e) {
        return null;
    }
}

/** Keeps the token for this tab, or forgets it (null). */
export function storeToken(token) {
    try {
        if (token) sessionStorage.setItem(TOKEN_KEY, token);
        else sessionStorage.removeItem(TOKEN_KEY);
    } catch (e) { /* storage may be unavailable: the token lives as long as the page */ }
}

/** The language from ?lang=, else the one chosen earlier in this browser, else Japanese. */
export function initialLang() {
    const fromUrl = new URLSearchParams(location.search).get('lang');
    if (fromUrl === 'ja' || fromUrl === 'en') return fromUrl;
    try {
        const saved = localStorage.getItem(LANG_KEY);
        if (saved === 'ja' || saved === 'en') return saved;
    } catch (e) { /* storage may be unavailable */ }
    return 'ja';
}

/** Remembers the language chosen with the toggle, for both pages. */
export function storeLang(lang) {
    try { localStorage.setItem(LANG_KEY, lang); } catch (e) { /* ignore */ }
}

// ------------------------------------------------------------------------------------------------ data

/** GET as JSON with the token; a failure is an Error with the HTTP status and the problem's detail, if any. */
export async function getJson(url, token) {
    const headers = { Accept: 'application/json' };
    if (token) headers.Authorization = `Bearer ${token}`;
    const response = await fetch(url, { headers });
    if (!response.ok) {
        let detail = `HTTP ${response.status}`;
        try {
            const problem = await response.json();
            if (problem && problem.detail) detail += `: ${problem.detail}`;
        } catch (e) { /* not JSON */ }
        const error = new Error(detail);
        error.status = response.status;
        throw error;
    }
    return response.json();
}

/** The fiscal year (April to March) a date falls in. */
export function fiscalYearOf(date) {
    return date.getMonth() >= 3 ? date.getFullYear() : date.getFullYear() - 1;
}

/** ?fiscalYear= (2000–2100, else the default) and ?asOf= (YYYY-MM-DD, else none) of the address. */
export function yearAndDate(params, defaultYear) {
    const year = Number.parseInt(params.get('fiscalYear') || '', 10);
    const asOf = params.get('asOf') || '';
    return {
        fiscalYear: Number.isInteger(year) && year >= 2000 && year <= 2100 ? year : defaultYear,
        asOf: DATE.test(asOf) ? asOf : '',
    };
}

// ----------------------------------------------------------------------------------------------- frame

/** The frame's labels in the language: the page's lang and title, every [data-i18n], the toggle, the years. */
export function applyFrameLabels(lang, text) {
    document.documentElement.lang = lang;
    document.title = `${text.title} · KPI suite`;
    document.querySelectorAll('[data-i18n]').forEach((node) => {
        const value = text[node.dataset.i18n];
        if (typeof value === 'string') node.textContent = value;
    });
    $('#lang-toggle').textContent = text.langButton;
    $('#lang-toggle').dataset.lang = lang;
    for (const option of $('#fiscal-year').options) option.textContent = text.fy(option.value);
}

/** The controls as the address set them: the fiscal years from next year down to 2023 (and the one shown), the date. */
export function fillControls(fiscalYear, asOf, text) {
    const select = $('#fiscal-year');
    const last = Math.max(2024, fiscalYearOf(new Date())) + 1;
    select.replaceChildren();
    for (let year = last; year >= 2023; year--) {
        select.append(el('option', { value: year, text: text.fy(year) }));
    }
    if (![...select.options].some((o) => o.value === String(fiscalYear))) {
        select.prepend(el('option', { value: fiscalYear, text: text.fy(fiscalYear) }));
    }
    select.value = String(fiscalYear);
    $('#as-of').value = asOf;
}

/**
 * The controls wired to the page: a pasted token (a "Bearer " prefix dropped, kept for the tab), another fiscal
 * year, and a valid date as of which (or none) are each handed to the page.
 */
export function wireControls({ signedIn, fiscalYear, asOf }) {
    $('#signin').addEventListener('submit', (e) => {
        e.preventDefault();
        const token = $('#token').value.trim().replace(/^Bearer\s+/i, '');
        if (!token) return;
        $('#token').value = '';
        storeToken(token);
        signedIn(token);
    });
    $('#fiscal-year').addEventListener('change', (e) => fiscalYear(Number(e.target.value)));
    $('#as-of').addEventListener('change', (e) => {
        const value = e.target.value;
        if (value && !DATE.test(value)) return;
        asOf(value);
    });
}

/** The sign-in form, open with its reason while a token is missing ('missing') or was refused ('rejected'). */
export function renderSignIn(auth, text) {
    const form = $('#signin');
    const open = auth === 'missing' || auth === 'rejected';
    form.hidden = !open;
    $('#signin-reason').textContent = !open ? '' : auth === 'rejected' ? text.signinRejected : text.signinNeeded;
}

/**
 * The message box: nothing while the sign-in form says why, the refusal of a token that may not read (403), "loading",
 * else the page's own message ([text, kind], or null for none). Returns what it shows.
 */
export function showMessage(auth, loading, text, pageMessage) {
    let message = null;
    let kind = 'info';
    if (auth === 'missing' || auth === 'rejected') message = null;
    else if (auth === 'forbidden') { message = text.forbidden; kind = 'error'; }
    else if (loading) message = text.loading;
    else [message, kind] = pageMessage() || [null, 'info'];
    const box = $('#message');
    box.hidden = message === null;
    box.className = `message ${kind}`;
    box.textContent = message || '';
    return { message, kind };
}
