// bilat dashboard: plain JavaScript, no framework, nothing fetched from outside this server.
// `/` shows a country pair, `/check` the claim checker; the state lives in the URL.
'use strict';
(function () {

  // ---------------------------------------------------------------- strings

  const T = {
    en: {
      skip: 'Skip to content', tagline: 'bilateral trade statistics', nav: 'Sections',
      tabPair: 'Country pair', tabCheck: 'Claim checker', langGroup: 'Language', loading: 'Loading…',
      reporter: 'Reporter', partner: 'Partner', year: 'Year', months: 'Months',
      monthsHelp: 'optional, e.g. 1-6', view: 'View', viewAuto: 'automatic', viewReporter: 'reporter',
      viewMirror: 'mirror', viewReconciled: 'reconciled', level: 'HS level', levelDefault: 'default',
      show: 'Show', swap: 'Swap reporter and partner',
      introTitle: 'Trade between two countries',
      introText: 'Pick a reporter and a partner (type any name, in English or Russian, or a code), a year, and press Show.',
      introExample: 'Example: Belarus — Kazakhstan, 2018',
      figures: 'Headline figures', history: 'Trade by year', position: 'Partner position',
      composition: 'Composition by HS section', topProducts: 'Top products', brief: 'Brief',
      indicators: 'Trade indicators', potential: 'Export potential by product',
      partnersOf: (a, y) => `${a}: partners in ${y}`, rankBy: 'Rank by',
      exports: 'Exports', imports: 'Imports', turnover: 'Turnover', balance: 'Balance',
      copy: 'Copy', copied: 'Copied to the clipboard', copyFailed: 'Could not copy: select the text and copy it by hand',
      dlHtml: 'Download HTML', dlMd: 'Download Markdown', dlCsv: 'CSV', dlProfileCsv: 'Profile CSV',
      checkTitle: 'Claim checker',
      checkIntro: 'Paste a news text (English or Russian). Every figure it states is checked against the text itself and the data.',
      checkText: 'Text to check', checkPlaceholder: 'Paste the text here…', textLang: 'Text language',
      langAuto: 'detect', checkBtn: 'Check', clear: 'Clear', checkedText: 'Checked text',
      checkHint: 'Hover over a highlighted figure to see the evidence; click it for details.',
      detailsEmpty: 'Click a highlighted figure to see its evidence.', allClaims: 'All claims',
      footer: 'bilat — figures carry their source and vintage.',
      noText: 'Paste a text to check first.',
      needPair: 'Enter a reporter, a partner and a year.',
      badYear: 'The year must be a number between 1900 and 2100.',
      unit: 'USD million', money: v => `$${v} million`, moneyShort: '$ million', moneyParts: () => ['$', '\u00a0million'],
      vsYear: y => `vs ${y}`, prevYear: (y, v) => `${y}: ${v}`,
      times: t => `×${t}`, noGrowth: 'no comparison',
      partialOnly: hs => `only ${hs}: not all goods`,
      surplus: 'surplus', deficit: 'deficit', change: 'change',
      ptd: m => `Period to date, months ${m}`, ptdVs: y => `vs the same months of ${y}`,
      source: 'Source', vintage: 'vintage', viewLbl: 'view', unitLbl: 'unit',
      expBy: 'exports as reported by', impBy: 'imports as reported by',
      exportMarket: 'export market', supplier: 'supplier',
      rankOf: (r, n) => `#${r} of ${n}`,
      shareOfExports: (p, a) => `${p}% of ${poss(a)} exports`,
      shareOfImports: (p, a) => `${p}% of ${poss(a)} imports`,
      exportRankLbl: (b, a) => `${b} among ${poss(a)} export markets`,
      importRankLbl: (b, a) => `${b} among ${poss(a)} suppliers`,
      tradeRankLbl: (b, a) => `${b} among ${poss(a)} trading partners`,
      shareOfTrade: (p, a) => `${p}% of ${poss(a)} trade`,
      worldBasis: 'world total', mirrorTitle: 'Mirror check',
      mirrorFlow: 'Flow', reportedBy: c => `reported by ${c}`, gap: 'gap',
      exportsTo: (a, b) => `Exports ${a} → ${b}`, importsFrom: (a, b) => `Imports ${a} ← ${b}`,
      code: 'Code', product: 'Product', value: 'Value, $ million', share: 'Share, %', growth: 'Growth, %',
      section: 'HS section', other: 'Other',
      productsNamesNote: 'Some product names are given in English.',
      historyAria: (a, b) => `Exports and imports of ${a} with ${b} by year, USD million`,
      partialYear: m => `months ${m}`,
      indSummary: 'Summary', indicator: 'Indicator', direction: 'Direction',
      intensity: 'Trade intensity', complementarity: 'Trade complementarity', hhi: 'Herfindahl–Hirschman index of exports',
      gl: 'Grubel–Lloyd intra-industry trade (aggregate)', productsExported: 'Products exported',
      notAvailable: n => `not available: needs ${n}`,
      indTable: 'Table', rcaOf: a => `Revealed comparative advantage of ${a}`, glByProduct: 'Grubel–Lloyd by product',
      exportsM: 'Exports, $ million', worldExportsM: 'World exports, $ million', importsM: 'Imports, $ million',
      rca: 'RCA', glIdx: 'GL',
      withAdvantage: n => `${n} products with RCA > 1`,
      potentialUsd: 'Potential', actualUsd: 'Actual', untappedUsd: 'Untapped', ease: 'Ease', productCount: 'Products',
      supplyM: 'Supply, $ million', demandShare: 'Demand share, %', potentialM: 'Potential, $ million',
      actualM: 'Actual, $ million', untappedM: 'Untapped, $ million',
      rank: 'Rank', partnerCol: 'Partner', world: 'World', partnerCount: n => `${n} partners in all`,
      sortBy: l => `Sort by ${l}`,
      verdicts: { supported: 'supported', contradicted: 'contradicted', inconsistent: 'inconsistent', unverifiable: 'unverifiable' },
      claimsTotal: 'claims', claimText: 'Claim', verdict: 'Verdict', measure: 'Measure', printed: 'Printed value',
      period: 'Period', subject: 'Subject', reason: 'Reason', evidence: 'Evidence', internalChecks: 'Checks within the text',
      bound: 'Bound', target: 'Target or plan', yes: 'yes', no: 'no', query: 'Query', ran: 'Ran', computed: 'Computed',
      matches: 'matches', noMatch: 'does not match', noEvidence: 'No evidence in the data.',
      diagnostics: 'Notes from the checker', detectedLang: l => `text language: ${l}`,
      netError: 'The server cannot be reached. Is bilat serve running?',
      httpError: s => `The server answered ${s}.`, hint: 'Hint',
      noData: 'No data.', dataTable: 'Figures as a table', sectionFailed: 'This part could not be loaded:',
    },
    ru: {
      skip: 'К содержанию', tagline: 'статистика двусторонней торговли', nav: 'Разделы',
      tabPair: 'Пара стран', tabCheck: 'Проверка цифр', langGroup: 'Язык', loading: 'Загрузка…',
      reporter: 'Страна', partner: 'Партнёр', year: 'Год', months: 'Месяцы',
      monthsHelp: 'необязательно, напр. 1-6', view: 'Данные', viewAuto: 'авто', viewReporter: 'страны',
      viewMirror: 'зеркальные', viewReconciled: 'согласованные', level: 'Уровень ТН ВЭД', levelDefault: 'авто',
      show: 'Показать', swap: 'Поменять страну и партнёра',
      introTitle: 'Торговля двух стран',
      introText: 'Выберите страну и партнёра (любое название, по-русски или по-английски, или код), год и нажмите «Показать».',
      introExample: 'Пример: Беларусь — Казахстан, 2018',
      figures: 'Главные цифры', history: 'Торговля по годам', position: 'Место партнёра',
      composition: 'Структура по разделам ТН ВЭД', topProducts: 'Основные товары', brief: 'Справка',
      indicators: 'Показатели торговли', potential: 'Экспортный потенциал по товарам',
      partnersOf: (a, y) => `${a}: партнёры в ${y} году`, rankBy: 'Сортировать по',
      exports: 'Экспорт', imports: 'Импорт', turnover: 'Товарооборот', balance: 'Сальдо',
      copy: 'Копировать', copied: 'Скопировано в буфер обмена', copyFailed: 'Не удалось скопировать: выделите текст и скопируйте вручную',
      dlHtml: 'Скачать HTML', dlMd: 'Скачать Markdown', dlCsv: 'CSV', dlProfileCsv: 'Профиль в CSV',
      checkTitle: 'Проверка цифр',
      checkIntro: 'Вставьте текст новости (на русском или английском). Каждая цифра в нём сверяется с самим текстом и с данными.',
      checkText: 'Текст для проверки', checkPlaceholder: 'Вставьте текст сюда…', textLang: 'Язык текста',
      langAuto: 'определить', checkBtn: 'Проверить', clear: 'Очистить', checkedText: 'Проверенный текст',
      checkHint: 'Наведите курсор на выделенную цифру, чтобы увидеть данные; нажмите на неё, чтобы открыть подробности.',
      detailsEmpty: 'Нажмите на выделенную цифру, чтобы увидеть подробности.', allClaims: 'Все утверждения',
      footer: 'bilat — у каждой цифры указаны источник и выпуск данных.',
      noText: 'Сначала вставьте текст для проверки.',
      needPair: 'Укажите страну, партнёра и год.',
      badYear: 'Год — число от 1900 до 2100.',
      unit: 'млн долл.', money: v => `${v} млн долл.`, moneyShort: 'млн долл.', moneyParts: () => ['', '\u00a0млн долл.'],
      vsYear: y => `к ${y} г.`, prevYear: (y, v) => `${y}: ${v}`,
      times: t => `в ${t} раза`, noGrowth: 'нет сравнения',
      partialOnly: hs => `только ${hs}: не все товары`,
      surplus: 'профицит', deficit: 'дефицит', change: 'изменение',
      ptd: m => `С начала года, месяцы ${m}`, ptdVs: y => `к тем же месяцам ${y} г.`,
      source: 'Источник', vintage: 'выпуск', viewLbl: 'данные', unitLbl: 'единица',
      expBy: 'экспорт по данным', impBy: 'импорт по данным',
      exportMarket: 'рынок сбыта', supplier: 'поставщик',
      rankOf: (r, n) => `${r}-е место из ${n}`,
      shareOfExports: (p, a) => `${p}% экспорта (${a})`,
      shareOfImports: (p, a) => `${p}% импорта (${a})`,
      exportRankLbl: (b, a) => `${b}: место среди рынков сбыта (${a})`,
      importRankLbl: (b, a) => `${b}: место среди поставщиков (${a})`,
      tradeRankLbl: (b, a) => `${b}: место среди торговых партнёров (${a})`,
      shareOfTrade: (p, a) => `${p}% товарооборота (${a})`,
      worldBasis: 'итог по миру', mirrorTitle: 'Зеркальная проверка',
      mirrorFlow: 'Поток', reportedBy: c => `по данным ${c}`, gap: 'расхождение',
      exportsTo: (a, b) => `Экспорт ${a} → ${b}`, importsFrom: (a, b) => `Импорт ${a} ← ${b}`,
      code: 'Код', product: 'Товар', value: 'Стоимость, млн долл.', share: 'Доля, %', growth: 'Рост, %',
      section: 'Раздел ТН ВЭД', other: 'Прочее',
      productsNamesNote: 'Названия некоторых товаров даны по-английски: в загруженном справочнике нет русских.',
      historyAria: (a, b) => `Экспорт и импорт: ${a} с ${b} по годам, млн долл.`,
      partialYear: m => `месяцы ${m}`,
      indSummary: 'Сводка', indicator: 'Показатель', direction: 'Направление',
      intensity: 'Интенсивность торговли', complementarity: 'Взаимодополняемость торговли', hhi: 'Индекс Херфиндаля–Хиршмана экспорта',
      gl: 'Внутриотраслевая торговля Грубеля–Ллойда (всего)', productsExported: 'Экспортируемых товаров',
      notAvailable: n => `нет данных: нужно ${n}`,
      indTable: 'Таблица', rcaOf: a => `Выявленные сравнительные преимущества (${a})`, glByProduct: 'Грубель–Ллойд по товарам',
      exportsM: 'Экспорт, млн долл.', worldExportsM: 'Мировой экспорт, млн долл.', importsM: 'Импорт, млн долл.',
      rca: 'RCA', glIdx: 'GL',
      withAdvantage: n => `товаров с RCA > 1: ${n}`,
      potentialUsd: 'Потенциал', actualUsd: 'Факт', untappedUsd: 'Неиспользованный', ease: 'Лёгкость', productCount: 'Товаров',
      supplyM: 'Предложение, млн долл.', demandShare: 'Доля спроса, %', potentialM: 'Потенциал, млн долл.',
      actualM: 'Факт, млн долл.', untappedM: 'Неиспользованный, млн долл.',
      rank: 'Место', partnerCol: 'Партнёр', world: 'Мир', partnerCount: n => `всего партнёров: ${n}`,
      sortBy: l => `Сортировать: ${l}`,
      verdicts: { supported: 'подтверждено', contradicted: 'опровергнуто', inconsistent: 'не сходится', unverifiable: 'не проверить' },
      claimsTotal: 'утверждений', claimText: 'Утверждение', verdict: 'Вердикт', measure: 'Показатель', printed: 'Значение в тексте',
      period: 'Период', subject: 'Страны', reason: 'Обоснование', evidence: 'Данные', internalChecks: 'Проверки внутри текста',
      bound: 'Граница', target: 'Цель или план', yes: 'да', no: 'нет', query: 'Запрос', ran: 'Выполнено', computed: 'Получено',
      matches: 'совпадает', noMatch: 'не совпадает', noEvidence: 'В данных ничего не найдено.',
      diagnostics: 'Замечания', detectedLang: l => `язык текста: ${l}`,
      netError: 'Сервер недоступен. Запущен ли bilat serve?',
      httpError: s => `Сервер ответил ${s}.`, hint: 'Подсказка',
      noData: 'Нет данных.', dataTable: 'Цифры таблицей', sectionFailed: 'Эту часть загрузить не удалось:',
    },
  };

  /** English possessive: "Belarus'" , "Kazakhstan's". */
  const poss = n => (/s$/i.test(n) ? `${n}’` : `${n}’s`);

  const VERDICTS = ['supported', 'contradicted', 'inconsistent', 'unverifiable'];

  // ---------------------------------------------------------------- state

  const state = {
    lang: 'en',
    route: 'pair',             // 'pair' | 'check'
    q: {},                     // reporter, partner, year, months, view, level
    data: {},                  // profile, history, partners, indicators, potential, brief
    errors: {},                // per section
    partnersFlow: 'exports',
    indTable: 'rca_reporter',
    sorts: {},                 // table id -> {key, dir}
    check: null,               // {text, result}
    selectedClaim: -1,
    catalogYear: null,
    gen: 0,
  };

  const $ = (s, r) => (r || document).querySelector(s);
  const $$ = (s, r) => Array.from((r || document).querySelectorAll(s));
  const t = (k, ...a) => {
    const v = (T[state.lang] && T[state.lang][k]) ?? T.en[k];
    return typeof v === 'function' ? v(...a) : (v ?? k);
  };

  /** Element builder: h('div', {class: 'x', onclick: f}, 'text', child). */
  function h(tag, attrs, ...kids) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v == null || v === false) continue;
      if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
      else if (k === 'class') el.className = v;
      else if (k === 'text') el.textContent = v;
      else el.setAttribute(k, v === true ? '' : String(v));
    }
    for (const c of kids.flat()) {
      if (c == null || c === false) continue;
      el.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return el;
  }
  const esc = s => String(s).replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
  const clear = el => { while (el.firstChild) el.removeChild(el.firstChild); return el; };

  // ---------------------------------------------------------------- numbers

  const locale = () => (state.lang === 'ru' ? 'ru-RU' : 'en-US');
  const nfCache = {};
  function nf(digits) {
    const k = locale() + digits;
    return nfCache[k] || (nfCache[k] = new Intl.NumberFormat(locale(), { minimumFractionDigits: digits, maximumFractionDigits: digits }));
  }
  const isNum = v => typeof v === 'number' && Number.isFinite(v);
  const num = (v, d = 1) => (isNum(v) ? nf(d).format(v) : '—');
  const mln = v => (isNum(v) ? nf(1).format(v / 1e6) : '—');
  const money = v => (isNum(v) ? t('money', mln(v)) : '—');
  const signed = (v, d = 1) => (isNum(v) ? (v > 0 ? '+' : v < 0 ? '−' : '') + nf(d).format(Math.abs(v)) : '—');
  const signedMoney = v => (isNum(v) ? (v > 0 ? '+' : v < 0 ? '−' : '') + t('money', mln(Math.abs(v))) : '—');
  const pct = (v, d = 1) => (isNum(v) ? nf(d).format(v) + '%' : '—');
  function growthText(f) {
    if (!f) return '';
    if (isNum(f.times) && f.times >= 2) return t('times', nf(1).format(f.times));
    if (isNum(f.growth_pct)) return signed(f.growth_pct) + '%';
    return '';
  }
  const placeName = p => (p ? (state.lang === 'ru' ? p.name_ru || p.name : p.name || p.name_ru) || p.code || p.id : '');
  const sectionName = s => (state.lang === 'ru' ? s.name_ru || s.name : s.name);
  // A product's name in the page's language; the API gives `name_ru` only where a loaded
  // dictionary has one (BACI and Comtrade ship English names).
  const productName = l => (state.lang === 'ru' ? l.name_ru || l.name : l.name);

  // ---------------------------------------------------------------- requests

  let busy = 0;
  function setBusy(d) {
    busy = Math.max(0, busy + d);
    const on = busy > 0;
    $('#loading').hidden = !on;
    $('#loading').classList.toggle('loading', on);
    $('#main').setAttribute('aria-busy', on ? 'true' : 'false');
  }

  class ApiError extends Error {
    constructor(detail, status) {
      super(detail.message || 'error');
      this.detail = detail;
      this.status = status;
    }
  }

  async function api(path, opts) {
    setBusy(+1);
    try {
      let r;
      try {
        r = await fetch(path, Object.assign({ headers: { Accept: 'application/json' } }, opts));
      } catch (e) {
        throw new ApiError({ message: t('netError'), code: 'network' }, 0);
      }
      const ct = r.headers.get('content-type') || '';
      if (!r.ok) {
        let detail = null;
        try { const b = await r.json(); detail = b && b.error; } catch (e) { /* not JSON */ }
        throw new ApiError(detail || { message: t('httpError', r.status + ' ' + r.statusText) }, r.status);
      }
      return ct.includes('json') ? r.json() : r.text();
    } finally {
      setBusy(-1);
    }
  }

  function qs(obj) {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(obj)) if (v != null && v !== '') p.set(k, v);
    return p.toString();
  }

  function errorBox(err, prefix) {
    const d = (err && err.detail) || { message: String(err && err.message || err) };
    return h('div', { class: 'alert', role: 'alert' },
      prefix ? h('strong', {}, prefix + ' ') : null,
      h('span', { class: 'err-message' }, d.message || ''),
      d.hint ? h('div', { class: 'err-hint' }, h('strong', {}, t('hint') + ': '), d.hint) : null);
  }

  function showError(err) {
    const box = $('#error');
    clear(box);
    if (!err) { box.hidden = true; return; }
    const d = (err && err.detail) || { message: typeof err === 'string' ? err : String(err.message || err) };
    box.append(h('span', { class: 'err-message' }, d.message || ''));
    if (d.hint) box.append(h('div', { class: 'err-hint' }, h('strong', {}, t('hint') + ': '), d.hint));
    box.hidden = false;
  }

  // ---------------------------------------------------------------- URL

  const PAIR_KEYS = ['reporter', 'partner', 'year', 'months', 'view', 'level'];

  function readLocation() {
    const u = new URL(location.href);
    const lang = u.searchParams.get('lang');
    state.lang = lang === 'ru' ? 'ru' : lang === 'en' ? 'en' : (state.langChosen ? state.lang : guessLang());
    state.route = u.pathname.replace(/\/+$/, '') === '/check' ? 'check' : 'pair';
    const q = {};
    for (const k of PAIR_KEYS) { const v = u.searchParams.get(k); if (v) q[k] = v.trim(); }
    return q;
  }

  function guessLang() {
    try { return (navigator.language || '').toLowerCase().startsWith('ru') ? 'ru' : 'en'; } catch (e) { return 'en'; }
  }

  function urlFor(route, q, lang) {
    const p = {};
    if (route === 'pair') for (const k of PAIR_KEYS) if (q[k]) p[k] = q[k];
    if (lang) p.lang = lang;
    const s = qs(p);
    return (route === 'check' ? '/check' : '/') + (s ? '?' + s : '');
  }

  function setUrl(push) {
    const url = urlFor(state.route, state.q, state.lang);
    if (url === location.pathname + location.search) return;
    if (push) history.pushState(null, '', url); else history.replaceState(null, '', url);
  }

  // ---------------------------------------------------------------- i18n of the static page

  function applyStatic() {
    document.documentElement.lang = state.lang;
    for (const el of $$('[data-i18n]')) el.textContent = t(el.dataset.i18n);
    for (const el of $$('[data-i18n-aria]')) el.setAttribute('aria-label', t(el.dataset.i18nAria));
    for (const el of $$('[data-i18n-title]')) el.setAttribute('title', t(el.dataset.i18nTitle));
    for (const el of $$('[data-i18n-placeholder]')) el.setAttribute('placeholder', t(el.dataset.i18nPlaceholder));
    for (const b of $$('.lang-btn')) b.setAttribute('aria-pressed', b.dataset.lang === state.lang ? 'true' : 'false');
    $('#tab-pair').href = urlFor('pair', state.q, state.lang);
    $('#tab-check').href = urlFor('check', {}, state.lang);
    $('#example-link').href = urlFor('pair', { reporter: 'BLR', partner: 'KAZ', year: '2018' }, state.lang);
    for (const tab of $$('.tab')) {
      const on = (tab.id === 'tab-check') === (state.route === 'check');
      tab.classList.toggle('active', on);
      if (on) tab.setAttribute('aria-current', 'page'); else tab.removeAttribute('aria-current');
    }
    for (const input of [$('#reporter'), $('#partner')]) if (input._item) input.value = comboLabel(input._item);
    document.title = state.route === 'check' ? `${t('checkTitle')} — bilat` : pairTitle() || 'bilat';
  }

  function pairTitle() {
    const p = state.data.profile;
    if (!p) return '';
    return `${placeName(p.reporter)} — ${placeName(p.partner)}, ${p.year} — bilat`;
  }

  // ---------------------------------------------------------------- combobox

  function comboLabel(item) {
    const name = state.lang === 'ru' ? item.name_ru || item.name : item.name || item.name_ru;
    return `${name} (${item.id})`;
  }

  function combobox(input, list) {
    let items = [];
    let active = -1;
    let timer = 0;
    let seq = 0;

    function close() {
      list.hidden = true;
      input.setAttribute('aria-expanded', 'false');
      input.removeAttribute('aria-activedescendant');
      active = -1;
    }
    function open() {
      list.hidden = false;
      input.setAttribute('aria-expanded', 'true');
    }
    function mark() {
      $$('[role=option]', list).forEach((li, i) => {
        li.setAttribute('aria-selected', i === active ? 'true' : 'false');
        li.classList.toggle('active', i === active);
        if (i === active) { input.setAttribute('aria-activedescendant', li.id); li.scrollIntoView({ block: 'nearest' }); }
      });
    }
    function pick(i) {
      const item = items[i];
      if (!item) return;
      input._item = item;
      input.value = comboLabel(item);
      input.dataset.code = item.id;
      close();
      input.dispatchEvent(new CustomEvent('picked', { detail: item }));
    }
    function render() {
      clear(list);
      if (!items.length) { close(); return; }
      items.forEach((it, i) => {
        const main = state.lang === 'ru' ? it.name_ru || it.name : it.name || it.name_ru;
        const alt = state.lang === 'ru' ? it.name : it.name_ru;
        const li = h('li', { role: 'option', id: `${list.id}-${i}`, 'aria-selected': 'false', class: 'combo-opt', 'data-code': it.id },
          h('span', { class: 'opt-name' }, main),
          alt && alt !== main ? h('span', { class: 'opt-alt' }, alt) : null,
          h('span', { class: 'opt-code' }, it.kind === 'group' ? `${it.id} · ${it.members ?? ''}` : it.id));
        li.addEventListener('mousedown', e => { e.preventDefault(); pick(i); });
        list.append(li);
      });
      active = -1;
      open();
      mark();
    }
    async function search() {
      const q = input.value.trim();
      const my = ++seq;
      if (!q) { items = []; close(); return; }
      try {
        const r = await fetch('/api/v1/countries?' + qs({ q, limit: 8 }));
        const rows = r.ok ? await r.json() : [];
        if (my !== seq) return;
        items = Array.isArray(rows) ? rows : [];
        if (document.activeElement === input) render();
      } catch (e) {
        items = [];
        close();
      }
    }
    input.addEventListener('input', () => {
      input._item = null;
      delete input.dataset.code;
      clearTimeout(timer);
      timer = setTimeout(search, 180);
    });
    input.addEventListener('keydown', e => {
      if (e.key === 'ArrowDown') {
        e.preventDefault();
        if (list.hidden) { if (items.length) { render(); } else { search(); } return; }
        active = (active + 1) % items.length; mark();
      } else if (e.key === 'ArrowUp') {
        e.preventDefault();
        if (list.hidden || !items.length) return;
        active = active <= 0 ? items.length - 1 : active - 1; mark();
      } else if (e.key === 'Enter') {
        if (!list.hidden && items.length) {
          e.preventDefault();
          pick(active >= 0 ? active : 0);
        }
      } else if (e.key === 'Escape') {
        if (!list.hidden) { e.preventDefault(); close(); }
      }
    });
    input.addEventListener('blur', () => setTimeout(close, 120));
    input.addEventListener('focus', () => { if (input.value && !input._item) search(); });
    return { close };
  }

  /** The value a pair input sends: the picked code, else what was typed (the API accepts names). */
  function inputValue(input) {
    if (input._item && input.value === comboLabel(input._item)) return input._item.id;
    return input.value.trim();
  }

  function setInputPlace(input, place, raw) {
    if (place && place.code) {
      input._item = { id: place.code, name: place.name, name_ru: place.name_ru, kind: 'country' };
      input.value = comboLabel(input._item);
      input.dataset.code = place.code;
    } else {
      input._item = null;
      input.value = raw || '';
    }
  }

  // ---------------------------------------------------------------- sortable tables

  /**
   * cols: [{key, label, num: bool, fmt: (v,row) => string|Node, get?: row => value, cls}]
   */
  function sortableTable(id, cols, rows, opts) {
    opts = opts || {};
    const st = state.sorts[id] || opts.sort || null;
    const wrap = h('div', { class: 'table-wrap' + (opts.scroll ? ' scroll' : '') });
    const table = h('table', { class: 'data', id: `tbl-${id}` });
    if (opts.caption) table.append(h('caption', {}, opts.caption));
    const thead = h('thead');
    const tr = h('tr');
    const tbody = h('tbody');
    const val = (c, r) => (c.get ? c.get(r) : r[c.key]);

    function fill(sort) {
      clear(tbody);
      let rs = rows.slice();
      if (sort) {
        const c = cols.find(x => x.key === sort.key);
        if (c) {
          rs.sort((a, b) => {
            const va = val(c, a), vb = val(c, b);
            let d;
            if (va == null && vb == null) d = 0;
            else if (va == null) return 1;
            else if (vb == null) return -1;
            else if (c.num) d = va - vb;
            else d = String(va).localeCompare(String(vb), locale());
            return sort.dir === 'desc' ? -d : d;
          });
        }
      }
      for (const r of rs) {
        const row = h('tr', { class: opts.rowClass ? opts.rowClass(r) : null });
        for (const c of cols) {
          const v = val(c, r);
          const out = c.fmt ? c.fmt(v, r) : (v ?? '—');
          row.append(h(c.th ? 'th' : 'td', { class: (c.num ? 'num' : '') + (c.cls ? ' ' + c.cls : ''), scope: c.th ? 'row' : null }, out));
        }
        tbody.append(row);
      }
      for (const th of $$('th[data-key]', thead)) {
        const k = th.dataset.key;
        th.setAttribute('aria-sort', sort && sort.key === k ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none');
      }
    }

    for (const c of cols) {
      const btn = h('button', { type: 'button', class: 'sort', title: t('sortBy', c.label) }, c.label, h('span', { class: 'arrow', 'aria-hidden': 'true' }));
      const th = h('th', { scope: 'col', 'data-key': c.key, class: c.num ? 'num' : null }, btn);
      btn.addEventListener('click', () => {
        const cur = state.sorts[id] || opts.sort || null;
        let dir = c.num ? 'desc' : 'asc';
        if (cur && cur.key === c.key) dir = cur.dir === 'asc' ? 'desc' : 'asc';
        state.sorts[id] = { key: c.key, dir };
        fill(state.sorts[id]);
      });
      tr.append(th);
    }
    thead.append(tr);
    table.append(thead, tbody);
    fill(st);
    wrap.append(table);
    return wrap;
  }

  // ---------------------------------------------------------------- pair view

  function readForm() {
    const q = {
      reporter: inputValue($('#reporter')),
      partner: inputValue($('#partner')),
      year: $('#year').value.trim(),
      months: $('#months').value.trim(),
      view: $('#view').value,
      level: $('#level').value,
    };
    for (const k of Object.keys(q)) if (!q[k]) delete q[k];
    return q;
  }

  function fillForm(q) {
    const same = (input, v) => input._item && (input._item.id === v || inputValue(input) === v);
    if (!same($('#reporter'), q.reporter)) setInputPlace($('#reporter'), null, q.reporter);
    if (!same($('#partner'), q.partner)) setInputPlace($('#partner'), null, q.partner);
    $('#year').value = q.year || $('#year').value || state.catalogYear || '';
    $('#months').value = q.months || '';
    $('#view').value = q.view || '';
    $('#level').value = q.level || '';
  }

  function pairParams(keys, extra) {
    const out = {};
    for (const k of keys) if (state.q[k]) out[k] = state.q[k];
    return Object.assign(out, extra || {});
  }

  const P = {
    profile: () => pairParams(['reporter', 'partner', 'year', 'months', 'view', 'level']),
    history: () => pairParams(['reporter', 'partner', 'view']),
    brief: () => pairParams(['reporter', 'partner', 'year', 'months', 'view'], { lang: state.lang }),
    indicators: () => pairParams(['reporter', 'partner', 'year', 'level']),
    potential: () => pairParams(['reporter', 'partner', 'year', 'level']),
    partners: () => Object.assign(pairParams(['reporter', 'year', 'view']), { flow: state.partnersFlow, top: 20 }),
  };

  async function loadPair() {
    const gen = ++state.gen;
    showError(null);
    state.data = {};
    state.errors = {};
    const q = state.q;
    if (!q.reporter || !q.partner || !q.year) {
      $('#results').hidden = true;
      $('#intro').hidden = false;
      if (q.reporter || q.partner || q.year) showError(t('needPair'));
      applyStatic();
      return;
    }
    if (!/^\d{4}$/.test(q.year) || +q.year < 1900 || +q.year > 2100) {
      $('#results').hidden = true;
      $('#intro').hidden = false;
      showError(t('badYear'));
      return;
    }
    const fetchPart = (name, path, params) => api(`/api/v1/${path}?` + qs(params))
      .then(d => { if (gen === state.gen) { state.data[name] = d; delete state.errors[name]; } })
      .catch(e => { if (gen === state.gen) state.errors[name] = e; });

    const profile = fetchPart('profile', 'profile', P.profile());
    const others = [
      fetchPart('history', 'history', P.history()).then(() => gen === state.gen && state.data.profile && renderHistory()),
      fetchPart('brief', 'brief', P.brief()).then(() => gen === state.gen && state.data.profile && renderBrief()),
      fetchPart('indicators', 'indicators', P.indicators()).then(() => gen === state.gen && state.data.profile && renderIndicators()),
      fetchPart('potential', 'potential', P.potential()).then(() => gen === state.gen && state.data.profile && renderPotential()),
      fetchPart('partners', 'partners', P.partners()).then(() => gen === state.gen && state.data.profile && renderPartners()),
    ];
    await profile;
    if (gen !== state.gen) return;
    if (state.errors.profile) {
      $('#results').hidden = true;
      $('#intro').hidden = false;
      showError(state.errors.profile);
      applyStatic();
      return;
    }
    const p = state.data.profile;
    setInputPlace($('#reporter'), p.reporter);
    setInputPlace($('#partner'), p.partner);
    $('#intro').hidden = true;
    $('#results').hidden = false;
    renderAll();
    await Promise.all(others);
  }

  function renderAll() {
    applyStatic();
    if (state.route !== 'pair' || !state.data.profile) return;
    renderProfile();
    renderHistory();
    renderBrief();
    renderIndicators();
    renderPotential();
    renderPartners();
    renderLinks();
  }

  function renderLinks() {
    $('#dl-profile').href = '/api/v1/profile.csv?' + qs(P.profile());
    $('#dl-history').href = '/api/v1/history.csv?' + qs(P.history());
    $('#dl-indicators').href = '/api/v1/indicators.csv?' + qs(P.indicators());
    $('#dl-potential').href = '/api/v1/potential.csv?' + qs(P.potential());
    $('#dl-partners').href = '/api/v1/partners.csv?' + qs(P.partners());
    $('#dl-brief-html').href = '/api/v1/brief?' + qs(Object.assign(P.brief(), { format: 'html' }));
    $('#dl-brief-md').href = '/api/v1/brief?' + qs(Object.assign(P.brief(), { format: 'md' }));
  }

  function provenanceLine(pv) {
    const el = $('#provenance');
    clear(el);
    if (!pv) return;
    const parts = [];
    parts.push(h('span', {}, `${t('source')}: `, h('strong', {}, pv.source || '—')));
    if (pv.vintage) parts.push(h('span', {}, `${t('vintage')} ${pv.vintage}`));
    if (pv.view) parts.push(h('span', {}, `${t('viewLbl')}: ${t('view' + pv.view[0].toUpperCase() + pv.view.slice(1))}`));
    if (pv.exports_reported_by) parts.push(h('span', {}, `${t('expBy')} ${pv.exports_reported_by}`));
    if (pv.imports_reported_by) parts.push(h('span', {}, `${t('impBy')} ${pv.imports_reported_by}`));
    if (pv.unit) parts.push(h('span', {}, `${t('unitLbl')}: ${pv.unit}`));
    parts.forEach((p, i) => { if (i) el.append(h('span', { class: 'sep', 'aria-hidden': 'true' }, ' · ')); el.append(p); });
    if (pv.label) el.append(' ', h('span', { class: 'badge demo', 'data-provenance-label': '' }, pv.label));
  }

  function figureCard(kind, f, prevYear, ptd) {
    const card = h('div', { class: `figure fig-${kind}` });
    card.append(h('div', { class: 'fig-label' }, t(kind)));
    const valAttrs = { class: 'fig-value', 'data-value': isNum(f && f.value_usd) ? f.value_usd : null };
    valAttrs[ptd ? 'data-figure-ptd' : 'data-figure'] = kind;
    const v = f && f.value_usd;
    const val = h('div', valAttrs);
    if (isNum(v)) {
      const [pre, post] = t('moneyParts');
      val.append(pre ? h('span', { class: 'cur' }, pre) : '', h('span', { class: 'amount' }, mln(v)), h('span', { class: 'unit' }, post));
    } else val.append('—');
    card.append(val);
    let sub;
    if (kind === 'balance') {
      const sign = isNum(v) ? (v >= 0 ? t('surplus') : t('deficit')) : '';
      const d = f && isNum(f.previous_value_usd) && isNum(v) ? v - f.previous_value_usd : null;
      sub = h('div', { class: 'fig-growth' },
        sign ? h('span', { class: 'tag ' + (v >= 0 ? 'pos' : 'neg') }, sign) : null,
        d != null ? ` ${t('change')} ${signedMoney(d)} ${t('vsYear', prevYear)}` : '');
    } else {
      const g = growthText(f);
      const cls = isNum(f && f.growth_pct) ? (f.growth_pct >= 0 ? 'up' : 'down') : '';
      sub = h('div', { class: 'fig-growth' },
        g ? h('span', { class: 'growth ' + cls }, (cls === 'up' ? '▲ ' : cls === 'down' ? '▼ ' : '') + g) : h('span', { class: 'muted' }, t('noGrowth')),
        g ? ' ' + t('vsYear', prevYear) : '');
    }
    card.append(sub);
    if (f && isNum(f.previous_value_usd)) card.append(h('div', { class: 'fig-prev muted' }, t('prevYear', prevYear, money(f.previous_value_usd))));
    return card;
  }

  // The products a figure sums when its flow's rows are an extract ("HS 44, 47"), else null:
  // exports and imports their own flow's, turnover and balance either flow's.
  function partialProducts(coverage, kind) {
    if (!coverage) return null;
    const label = c => c && c.status === 'partial'
      ? 'HS ' + ((c.codes && c.codes.length ? c.codes : c.chapters) || []).join(', ') : null;
    const x = label(coverage.exports), m = label(coverage.imports);
    if (kind === 'exports') return x;
    if (kind === 'imports') return m;
    return x && m && x !== m ? `${x}; ${m}` : x || m;
  }

  // The "only HS …: not all goods" tag of a card whose figure is of a partial flow (`kind`:
  // exports, imports, turnover or balance), marked `data-partial=<key>` for tests; null when
  // the flow covers all goods.
  function partialTag(coverage, kind, key) {
    const part = partialProducts(coverage, kind);
    return part ? h('div', { class: 'fig-scope', 'data-partial': key }, h('span', { class: 'tag warn' }, t('partialOnly', part))) : null;
  }

  function renderProfile() {
    const p = state.data.profile;
    const A = placeName(p.reporter), B = placeName(p.partner);
    $('#pair-heading').textContent = `${A} — ${B}, ${p.year}`;
    provenanceLine(p.provenance);

    const figs = clear($('#figures'));
    for (const k of ['exports', 'imports', 'turnover', 'balance']) {
      const card = figureCard(k, p[k], p.previous_year);
      const tag = partialTag(p.coverage, k, k);
      if (tag) card.append(tag);
      figs.append(card);
    }

    const ptd = clear($('#ptd'));
    if (p.period_to_date) {
      const m = p.period_to_date;
      ptd.append(h('h4', {}, t('ptd', m.months), ' ', h('span', { class: 'muted' }, t('ptdVs', p.previous_year))));
      const row = h('div', { class: 'figures small' });
      for (const k of ['exports', 'imports', 'turnover', 'balance']) row.append(figureCard(k, m[k], p.previous_year, true));
      ptd.append(row);
    }
    const notes = clear($('#notes'));
    for (const n of p.notes || []) notes.append(h('li', {}, n));

    // partner position
    const pos = clear($('#position'));
    const pp = p.partner_position;
    if (pp) {
      const dl = h('div', { class: 'stats' });
      // Shares and ranks of a partial flow are among the loaded products' partners only.
      const scopeTag = kind => partialTag(p.coverage, kind, `position-${kind}`);
      if (pp.export_rank != null || isNum(pp.export_share_pct)) {
        dl.append(h('div', { class: 'stat' },
          h('div', { class: 'stat-label' }, t('exportRankLbl', B, A)),
          h('div', { class: 'stat-value' }, pp.export_rank != null ? t('rankOf', pp.export_rank, pp.export_markets) : pct(pp.export_share_pct)),
          h('div', { class: 'muted' }, t('shareOfExports', num(pp.export_share_pct), A)),
          isNum(pp.exports_world_usd) ? h('div', { class: 'muted small' }, `${t('worldBasis')}: ${money(pp.exports_world_usd)}`) : null,
          scopeTag('exports')));
      }
      if (pp.import_rank != null || isNum(pp.import_share_pct)) {
        dl.append(h('div', { class: 'stat' },
          h('div', { class: 'stat-label' }, t('importRankLbl', B, A)),
          h('div', { class: 'stat-value' }, pp.import_rank != null ? t('rankOf', pp.import_rank, pp.import_sources) : pct(pp.import_share_pct)),
          h('div', { class: 'muted' }, t('shareOfImports', num(pp.import_share_pct), A)),
          isNum(pp.imports_world_usd) ? h('div', { class: 'muted small' }, `${t('worldBasis')}: ${money(pp.imports_world_usd)}`) : null,
          scopeTag('imports')));
      }
      if (pp.trade_rank != null || isNum(pp.trade_share_pct)) {
        dl.append(h('div', { class: 'stat' },
          h('div', { class: 'stat-label' }, t('tradeRankLbl', B, A)),
          h('div', { class: 'stat-value' }, pp.trade_rank != null ? t('rankOf', pp.trade_rank, pp.trade_partners) : pct(pp.trade_share_pct)),
          h('div', { class: 'muted' }, t('shareOfTrade', num(pp.trade_share_pct), A)),
          scopeTag('turnover')));
      }
      pos.append(dl);
    } else {
      pos.append(h('p', { class: 'muted' }, t('noData')));
    }
    const mir = clear($('#mirror'));
    const m = p.mirror;
    if (m) {
      const rc = p.reporter.code, pc = p.partner.code;
      const rows = [
        { flow: t('exportsTo', rc, pc), a: m.exports_reported_by_a_usd, b: m.exports_reported_by_b_usd, gap: m.exports_gap_pct },
        { flow: t('importsFrom', rc, pc), a: m.imports_reported_by_a_usd, b: m.imports_reported_by_b_usd, gap: m.imports_gap_pct },
      ];
      mir.append(h('h4', {}, t('mirrorTitle')));
      const tbl = h('table', { class: 'data compact mirror-note' },
        h('thead', {}, h('tr', {},
          h('th', { scope: 'col' }, t('mirrorFlow')),
          h('th', { scope: 'col', class: 'num' }, t('reportedBy', rc)),
          h('th', { scope: 'col', class: 'num' }, t('reportedBy', pc)),
          h('th', { scope: 'col', class: 'num' }, t('gap')))),
        h('tbody', {}, rows.map(r => h('tr', {},
          h('th', { scope: 'row' }, r.flow),
          h('td', { class: 'num' }, mln(r.a)),
          h('td', { class: 'num' }, mln(r.b)),
          h('td', { class: 'num' }, isNum(r.gap) ? signed(r.gap) + '%' : '—')))));
      mir.append(h('div', { class: 'table-wrap' }, tbl), h('p', { class: 'muted small' }, t('unit')));
    }

    // composition
    const comp = clear($('#composition'));
    comp.append(compositionBlock(t('exportsTo', A, B), p.sections_exports || [], 'exp'));
    comp.append(compositionBlock(t('importsFrom', A, B), p.sections_imports || [], 'imp'));

    // products
    const prod = clear($('#products'));
    const pcols = [
      { key: 'code', label: t('code'), cls: 'code' },
      { key: 'name', label: t('product'), get: productName },
      { key: 'value_usd', label: t('value'), num: true, fmt: mln },
      { key: 'share_pct', label: t('share'), num: true, fmt: v => num(v) },
      { key: 'growth_pct', label: t('growth'), num: true, fmt: v => (isNum(v) ? signed(v) : '—') },
    ];
    prod.append(h('div', {}, h('h4', {}, t('exportsTo', A, B), ` (HS${p.level})`),
      sortableTable('top-exports', pcols, p.top_exports || [], { sort: { key: 'value_usd', dir: 'desc' } })));
    prod.append(h('div', {}, h('h4', {}, t('importsFrom', A, B), ` (HS${p.level})`),
      sortableTable('top-imports', pcols, p.top_imports || [], { sort: { key: 'value_usd', dir: 'desc' } })));
    const english = [...(p.top_exports || []), ...(p.top_imports || [])].some(l => !l.name_ru);
    if (state.lang === 'ru' && english) prod.append(h('p', { class: 'muted small span2' }, t('productsNamesNote')));
  }

  function compositionBlock(title, sections, cls) {
    const rows = sections.slice().sort((a, b) => (b.value_usd || 0) - (a.value_usd || 0));
    const top = rows.slice(0, 8);
    const rest = rows.slice(8);
    if (rest.length) {
      top.push({ section: '', name: t('other'), value_usd: rest.reduce((s, r) => s + (r.value_usd || 0), 0), share_pct: rest.reduce((s, r) => s + (r.share_pct || 0), 0), other: true });
    }
    const max = Math.max(1, ...top.map(r => r.share_pct || 0));
    const box = h('div', { class: 'composition' }, h('h4', {}, title));
    if (!top.length) { box.append(h('p', { class: 'muted' }, t('noData'))); return box; }
    const list = h('ul', { class: 'bars' });
    for (const r of top) {
      const label = r.other ? r.name : `${r.section} ${sectionName(r)}`;
      const bar = h('span', { class: `bar ${cls}` });
      bar.style.width = Math.max(0.5, (100 * (r.share_pct || 0)) / max) + '%';
      list.append(h('li', { title: `${label}: ${pct(r.share_pct)} · ${money(r.value_usd)}` },
        h('span', { class: 'bar-label' }, label),
        h('span', { class: 'bar-track' }, bar),
        h('span', { class: 'bar-value' }, pct(r.share_pct))));
    }
    box.append(list);
    return box;
  }

  // ---------------------------------------------------------------- history chart

  function niceStep(max, n) {
    const raw = max / n;
    const p = Math.pow(10, Math.floor(Math.log10(raw || 1)));
    const f = raw / p;
    return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10) * p;
  }

  function renderHistory() {
    const box = clear($('#history'));
    if (state.errors.history) { box.append(errorBox(state.errors.history, t('sectionFailed'))); return; }
    const hd = state.data.history;
    if (!hd) return;
    const years = (hd.years || []).filter(y => isNum(y.exports_usd) || isNum(y.imports_usd));
    if (!years.length) { box.append(h('p', { class: 'muted' }, t('noData'))); return; }
    const A = placeName(hd.reporter), B = placeName(hd.partner);
    const W = 640, H = 280, L = 56, R = 12, TOP = 16, BOT = 44;
    const pw = W - L - R, ph = H - TOP - BOT;
    const max = Math.max(1, ...years.map(y => Math.max(y.exports_usd || 0, y.imports_usd || 0))) / 1e6;
    const step = niceStep(max, 4);
    const top = Math.ceil(max / step) * step;
    const yOf = v => TOP + ph - (ph * v) / top;
    const gw = pw / years.length;
    const bw = Math.min(28, gw * 0.34);
    const sel = String(state.data.profile ? state.data.profile.year : '');
    let s = `<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(t('historyAria', A, B))}">`;
    s += `<title>${esc(t('historyAria', A, B))}</title>`;
    for (let v = 0; v <= top + 1e-9; v += step) {
      const y = yOf(v).toFixed(1);
      s += `<line x1="${L}" x2="${W - R}" y1="${y}" y2="${y}" class="grid"/>`;
      s += `<text x="${L - 6}" y="${(+y + 4).toFixed(1)}" text-anchor="end" class="tick">${esc(num(v, step < 1 ? 1 : 0))}</text>`;
    }
    years.forEach((y, i) => {
      const cx = L + gw * i + gw / 2;
      const isSel = String(y.year) === sel;
      if (isSel) s += `<rect x="${(L + gw * i + 2).toFixed(1)}" y="${TOP}" width="${(gw - 4).toFixed(1)}" height="${ph}" class="sel-band"/>`;
      const bars = [['exports', y.exports_usd, cx - bw - 1], ['imports', y.imports_usd, cx + 1]];
      for (const [k, v, x] of bars) {
        if (!isNum(v)) continue;
        const yv = yOf(v / 1e6);
        s += `<rect x="${x.toFixed(1)}" y="${yv.toFixed(1)}" width="${bw.toFixed(1)}" height="${Math.max(0, TOP + ph - yv).toFixed(1)}" class="b-${k}">` +
          `<title>${esc(`${y.year}${y.months ? ' (' + t('partialYear', y.months) + ')' : ''} · ${t(k)}: ${money(v)}`)}</title></rect>`;
      }
      s += `<text x="${cx.toFixed(1)}" y="${H - BOT + 18}" text-anchor="middle" class="xlab${isSel ? ' sel' : ''}">${esc(y.year)}${y.months ? '*' : ''}</text>`;
      if (y.months) s += `<text x="${cx.toFixed(1)}" y="${H - BOT + 32}" text-anchor="middle" class="tick">${esc(y.months)}</text>`;
    });
    s += `<line x1="${L}" x2="${W - R}" y1="${TOP + ph}" y2="${TOP + ph}" class="axis"/>`;
    s += '</svg>';
    const fig = h('figure', { class: 'chart-fig' });
    fig.innerHTML = s;
    fig.append(h('figcaption', { class: 'legend' },
      h('span', { class: 'key k-exports' }), t('exports'), ' ',
      h('span', { class: 'key k-imports' }), t('imports'), ' · ', t('unit')));
    box.append(fig);
    // the same figures as a table (for screen readers and for copying)
    const det = h('details', { class: 'data-details' }, h('summary', {}, t('dataTable')));
    det.append(sortableTable('history', [
      { key: 'year', label: t('year'), th: true, fmt: (v, r) => `${v}${r.months ? ' (' + r.months + ')' : ''}` },
      { key: 'exports_usd', label: t('exports'), num: true, fmt: mln },
      { key: 'imports_usd', label: t('imports'), num: true, fmt: mln },
      { key: 'turnover_usd', label: t('turnover'), num: true, fmt: mln },
      { key: 'balance_usd', label: t('balance'), num: true, fmt: mln },
      { key: 'turnover_growth_pct', label: t('growth'), num: true, fmt: v => (isNum(v) ? signed(v) : '—') },
    ], years));
    box.append(det);
  }

  // ---------------------------------------------------------------- brief

  function briefText(b) {
    return [b.headline, b.lead, ...(b.paragraphs || []).map(p => p.text), b.data_note].filter(Boolean).join('\n\n');
  }

  function renderBrief() {
    const box = clear($('#brief'));
    if (state.errors.brief) { box.append(errorBox(state.errors.brief, t('sectionFailed'))); return; }
    const b = state.data.brief;
    if (!b) return;
    const art = h('article', { class: 'brief', lang: b.lang || state.lang });
    art.append(h('h4', { class: 'brief-headline' }, b.headline || ''));
    if (b.lead) art.append(h('p', { class: 'lead' }, b.lead));
    for (const p of b.paragraphs || []) art.append(h('p', { 'data-topic': p.topic }, p.text));
    if (b.data_note) art.append(h('p', { class: 'note' }, b.data_note));
    box.append(art);
  }

  async function copyBrief() {
    const b = state.data.brief;
    const status = $('#copy-status');
    if (!b) return;
    const text = briefText(b);
    let ok = false;
    try {
      if (navigator.clipboard && window.isSecureContext) { await navigator.clipboard.writeText(text); ok = true; }
    } catch (e) { ok = false; }
    if (!ok) {
      const ta = h('textarea', { class: 'offscreen', readonly: true });
      ta.value = text;
      document.body.append(ta);
      ta.select();
      try { ok = document.execCommand('copy'); } catch (e) { ok = false; }
      ta.remove();
    }
    status.textContent = ok ? t('copied') : t('copyFailed');
    clearTimeout(copyBrief.timer);
    copyBrief.timer = setTimeout(() => { status.textContent = ''; }, 3000);
  }

  async function reloadBrief() {
    if (!state.data.profile) return;
    const gen = state.gen;
    try {
      const b = await api('/api/v1/brief?' + qs(P.brief()));
      if (gen !== state.gen) return;
      state.data.brief = b;
      delete state.errors.brief;
    } catch (e) {
      if (gen !== state.gen) return;
      state.errors.brief = e;
    }
    renderBrief();
    renderLinks();
  }

  // ---------------------------------------------------------------- indicators

  function avail(x) {
    if (x && typeof x === 'object' && 'available' in x) return { ok: true, v: x.available };
    if (x && typeof x === 'object' && x.not_available) return { ok: false, needs: x.not_available.needs };
    return { ok: false, needs: '' };
  }

  function renderIndicators() {
    const box = clear($('#indicators'));
    if (state.errors.indicators) { box.append(errorBox(state.errors.indicators, t('sectionFailed'))); return; }
    const d = state.data.indicators;
    if (!d) return;
    const a = d.reporter.code, b = d.partner.code;
    const A = placeName(d.reporter), B = placeName(d.partner);
    const fmtAvail = (x, f) => { const r = avail(x); return r.ok ? f(r.v) : h('span', { class: 'muted' }, t('notAvailable', r.needs)); };
    const sum = [
      { ind: t('intensity'), dir: `${a} → ${b}`, v: d.intensity_reporter_to_partner, f: v => num(v, 2) },
      { ind: t('intensity'), dir: `${b} → ${a}`, v: d.intensity_partner_to_reporter, f: v => num(v, 2) },
      { ind: t('complementarity'), dir: `${a} → ${b}`, v: d.complementarity_reporter_to_partner, f: v => num(v, 1) },
      { ind: t('complementarity'), dir: `${b} → ${a}`, v: d.complementarity_partner_to_reporter, f: v => num(v, 1) },
      { ind: t('hhi'), dir: a, v: d.hhi_reporter, f: v => num(v, 3) },
      { ind: t('hhi'), dir: b, v: d.hhi_partner, f: v => num(v, 3) },
      { ind: t('gl'), dir: `${a} ↔ ${b}`, v: d.grubel_lloyd, f: v => num(v && v.aggregate, 3) },
      { ind: t('productsExported'), dir: a, v: d.products_exported_reporter, f: v => num(v, 0) },
      { ind: t('productsExported'), dir: b, v: d.products_exported_partner, f: v => num(v, 0) },
    ];
    box.append(h('h4', {}, t('indSummary'), ` (HS${d.level}, ${d.year})`));
    box.append(h('div', { class: 'table-wrap' }, h('table', { class: 'data compact', id: 'tbl-ind-summary' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('indicator')), h('th', { scope: 'col' }, t('direction')), h('th', { scope: 'col', class: 'num' }, t('value').split(',')[0]))),
      h('tbody', {}, sum.map(r => h('tr', {}, h('th', { scope: 'row' }, r.ind), h('td', {}, r.dir), h('td', { class: 'num' }, fmtAvail(r.v, r.f))))))));

    // product table, chosen by a select
    const choices = [
      ['rca_reporter', t('rcaOf', A)],
      ['rca_partner', t('rcaOf', B)],
      ['grubel_lloyd', t('glByProduct')],
    ];
    const sel = h('select', { id: 'ind-table' }, choices.map(([k, l]) => h('option', { value: k, selected: state.indTable === k }, l)));
    sel.addEventListener('change', () => { state.indTable = sel.value; renderIndicators(); $('#ind-table').focus(); });
    box.append(h('div', { class: 'table-choice' }, h('label', { for: 'ind-table', class: 'inline-label' }, t('indTable')), sel));
    const x = avail(d[state.indTable]);
    if (!x.ok) { box.append(h('p', { class: 'muted' }, t('notAvailable', x.needs))); }
    else if (state.indTable === 'grubel_lloyd') {
      box.append(sortableTable('ind-gl', [
        { key: 'code', label: t('code'), cls: 'code' },
        { key: 'name', label: t('product') },
        { key: 'exports_usd', label: t('exportsM'), num: true, fmt: mln },
        { key: 'imports_usd', label: t('importsM'), num: true, fmt: mln },
        { key: 'gl', label: t('glIdx'), num: true, fmt: v => num(v, 3) },
      ], x.v.products || [], { scroll: true, sort: { key: 'gl', dir: 'desc' } }));
    } else {
      if (x.v.products_with_advantage != null) box.append(h('p', { class: 'muted' }, t('withAdvantage', x.v.products_with_advantage)));
      box.append(sortableTable('ind-' + state.indTable, [
        { key: 'code', label: t('code'), cls: 'code' },
        { key: 'name', label: t('product') },
        { key: 'exports_usd', label: t('exportsM'), num: true, fmt: mln },
        { key: 'world_exports_usd', label: t('worldExportsM'), num: true, fmt: mln },
        { key: 'rca', label: t('rca'), num: true, fmt: v => num(v, 2) },
      ], x.v.products || [], { scroll: true, sort: { key: 'rca', dir: 'desc' } }));
    }
    for (const n of d.notes || []) box.append(h('p', { class: 'muted small' }, n));
    if (d.provenance && d.provenance.label) box.append(h('p', { class: 'muted small' }, `${t('source')}: ${d.provenance.source} ${d.provenance.vintage || ''} · `, h('span', { class: 'badge demo' }, d.provenance.label)));
  }

  // ---------------------------------------------------------------- potential

  function renderPotential() {
    const box = clear($('#potential'));
    if (state.errors.potential) { box.append(errorBox(state.errors.potential, t('sectionFailed'))); return; }
    const d = state.data.potential;
    if (!d) return;
    const names = {};
    names[d.reporter.code] = placeName(d.reporter);
    names[d.partner.code] = placeName(d.partner);
    for (const dir of d.directions || []) {
      const sec = h('div', { class: 'potential-dir' });
      sec.append(h('h4', {}, `${names[dir.exporter] || dir.exporter} → ${names[dir.importer] || dir.importer}`, ` (HS${d.level})`));
      sec.append(h('div', { class: 'stats row' },
        stat(t('potentialUsd'), money(dir.potential_usd)),
        stat(t('actualUsd'), money(dir.actual_usd)),
        stat(t('untappedUsd'), money(dir.untapped_usd)),
        stat(t('ease'), num(dir.ease, 2)),
        stat(t('productCount'), num(dir.product_count, 0))));
      sec.append(sortableTable(`pot-${dir.exporter}-${dir.importer}`, [
        { key: 'code', label: t('code'), cls: 'code' },
        { key: 'name', label: t('product') },
        { key: 'supply_usd', label: t('supplyM'), num: true, fmt: mln },
        { key: 'demand_share', label: t('demandShare'), num: true, get: r => (isNum(r.demand_share) ? r.demand_share * 100 : null), fmt: v => num(v, 2) },
        { key: 'potential_usd', label: t('potentialM'), num: true, fmt: mln },
        { key: 'actual_usd', label: t('actualM'), num: true, fmt: mln },
        { key: 'untapped_usd', label: t('untappedM'), num: true, fmt: mln },
      ], dir.products || [], { scroll: true, sort: { key: 'untapped_usd', dir: 'desc' } }));
      box.append(sec);
    }
    for (const n of d.notes || []) box.append(h('p', { class: 'muted small' }, n));
  }

  function stat(label, value) {
    return h('div', { class: 'stat' }, h('div', { class: 'stat-label' }, label), h('div', { class: 'stat-value' }, value));
  }

  // ---------------------------------------------------------------- partners

  function renderPartners() {
    const d = state.data.partners;
    const p = state.data.profile;
    $('#h-partners').textContent = t('partnersOf', p ? placeName(p.reporter) : state.q.reporter, state.q.year);
    $('#partners-flow').value = state.partnersFlow;
    const box = clear($('#partners'));
    if (state.errors.partners) { box.append(errorBox(state.errors.partners, t('sectionFailed'))); return; }
    if (!d) return;
    const me = p && p.partner.code;
    if (d.world) box.append(h('p', { class: 'muted' }, `${t('world')}: ${money(d.world.value_usd)}`, d.world.growth_pct != null ? ` (${growthText(d.world)} ${t('vsYear', d.year - 1)})` : '', ' · ', t('partnerCount', d.partner_count)));
    box.append(sortableTable('partners-' + d.flow, [
      { key: 'rank', label: t('rank'), num: true, fmt: v => v },
      { key: 'name', label: t('partnerCol'), get: r => placeName(r), fmt: (v, r) => h('span', {}, v, ' ', h('span', { class: 'code muted' }, r.code)) },
      { key: 'value_usd', label: `${t(d.flow)}, ${t('moneyShort')}`, num: true, fmt: mln },
      { key: 'share_pct', label: t('share'), num: true, fmt: v => num(v) },
      { key: 'growth_pct', label: t('growth'), num: true, fmt: (v, r) => (isNum(r.times) && r.times >= 2 ? t('times', nf(1).format(r.times)) : isNum(v) ? signed(v) : '—') },
    ], d.partners || [], { sort: { key: 'rank', dir: 'asc' }, rowClass: r => (r.code === me ? 'highlight' : null) }));
  }

  async function reloadPartners() {
    const gen = state.gen;
    try {
      const d = await api('/api/v1/partners?' + qs(P.partners()));
      if (gen !== state.gen) return;
      state.data.partners = d;
      delete state.errors.partners;
    } catch (e) {
      if (gen !== state.gen) return;
      state.errors.partners = e;
    }
    renderPartners();
    renderLinks();
  }

  // ---------------------------------------------------------------- claim checker

  /** UTF-16 [start, end) of a claim: the JSON's offsets are Unicode scalar (character) offsets. */
  function claimRange(text, cps, utf16At, c, from) {
    const ok = (s, e) => s >= 0 && e <= text.length && s <= e && text.slice(s, e) === c.text;
    if (Number.isInteger(c.start) && Number.isInteger(c.end) && c.end <= cps.length) {
      const s = utf16At[c.start], e = utf16At[c.end];
      if (ok(s, e)) return [s, e];
    }
    // byte offsets into UTF-8 (in case the server's convention changes)
    if (Number.isInteger(c.start)) {
      const enc = new TextEncoder();
      const bytes = enc.encode(text);
      if (c.end <= bytes.length) {
        const dec = new TextDecoder();
        const s = dec.decode(bytes.slice(0, c.start)).length;
        const e = s + dec.decode(bytes.slice(c.start, c.end)).length;
        if (ok(s, e)) return [s, e];
      }
    }
    if (c.text) {
      const i = text.indexOf(c.text, from);
      if (i >= 0) return [i, i + c.text.length];
    }
    return null;
  }

  function claimTitle(c) {
    const lines = [`${verdictLabel(c.verdict)}: ${c.reason || ''}`];
    for (const e of c.evidence || []) lines.push(`• ${e.note}${e.source ? ' [' + e.source + ']' : ''}`);
    return lines.join('\n');
  }

  const MEASURES_RU = { turnover: 'товарооборот', exports: 'экспорт', imports: 'импорт', balance: 'сальдо', services: 'услуги', investment: 'инвестиции' };
  function measureLabel(m) {
    if (!m) return '—';
    if (state.lang !== 'ru') return m.replace(/^count:/, 'count: ').replace(/_/g, ' ');
    if (MEASURES_RU[m]) return MEASURES_RU[m];
    return m.replace(/^count:/, 'число: ').replace(/_/g, ' ');
  }

  const verdictLabel = v => (T[state.lang].verdicts[v] || T.en.verdicts[v] || v);

  function renderCheck() {
    const res = state.check && state.check.result;
    $('#check-results').hidden = !res;
    if (!res) return;
    const text = state.check.text;
    const claims = res.claims || [];

    // summary
    const sumBox = clear($('#check-summary'));
    const counts = {};
    for (const c of claims) counts[c.verdict] = (counts[c.verdict] || 0) + 1;
    const verdicts = VERDICTS.concat(Object.keys(counts).filter(v => !VERDICTS.includes(v)));
    sumBox.append(h('span', { class: 'total' }, h('strong', {}, String(claims.length)), ' ', t('claimsTotal')));
    for (const v of verdicts) {
      const n = counts[v] || 0;
      sumBox.append(h('span', { class: 'chip', 'data-verdict': v, 'data-count': n }, h('strong', {}, String(n)), ' ', verdictLabel(v)));
    }
    if (res.lang) sumBox.append(h('span', { class: 'muted' }, t('detectedLang', res.lang)));

    // text with claims marked
    const out = clear($('#check-output'));
    const cps = Array.from(text);
    const utf16At = new Array(cps.length + 1);
    let u = 0;
    for (let i = 0; i < cps.length; i++) { utf16At[i] = u; u += cps[i].length; }
    utf16At[cps.length] = u;
    const placed = claims.map((c, i) => ({ c, i })).sort((x, y) => (x.c.start ?? 0) - (y.c.start ?? 0));
    let pos = 0;
    const frag = document.createDocumentFragment();
    for (const { c, i } of placed) {
      const r = claimRange(text, cps, utf16At, c, pos);
      if (!r || r[0] < pos) continue;
      if (r[0] > pos) frag.append(text.slice(pos, r[0]));
      const el = h('mark', {
        class: 'claim' + (i === state.selectedClaim ? ' selected' : ''), 'data-verdict': c.verdict, 'data-index': i,
        tabindex: 0, role: 'button', title: claimTitle(c), 'aria-label': `${c.text}: ${verdictLabel(c.verdict)}`,
      }, text.slice(r[0], r[1]));
      frag.append(el);
      pos = r[1];
    }
    if (pos < text.length) frag.append(text.slice(pos));
    out.append(frag);

    // list
    const list = clear($('#claim-list'));
    list.append(sortableTable('claims', [
      { key: 'n', label: '#', num: true, get: r => r.n, fmt: v => v },
      { key: 'text', label: t('claimText'), cls: 'claim-cell', get: r => r.c.text, fmt: (v, r) => h('button', { type: 'button', class: 'linkish', 'data-index': r.n - 1 }, v) },
      { key: 'verdict', label: t('verdict'), get: r => r.c.verdict, fmt: v => h('span', { class: 'vtag', 'data-verdict': v }, verdictLabel(v)) },
      { key: 'measure', label: t('measure'), get: r => r.c.measure, fmt: v => measureLabel(v) },
      { key: 'period', label: t('period'), get: r => r.c.period, fmt: v => v || '—' },
      { key: 'reason', label: t('reason'), get: r => r.c.reason, cls: 'reason' },
    ], claims.map((c, i) => ({ c, n: i + 1 })), { sort: { key: 'n', dir: 'asc' }, rowClass: r => 'claim-row' }));

    for (const d of res.diagnostics || []) list.append(h('p', { class: 'muted small' }, typeof d === 'string' ? d : JSON.stringify(d)));
    renderClaimDetails();
  }

  function renderClaimDetails() {
    const box = clear($('#claim-details'));
    const res = state.check && state.check.result;
    const c = res && res.claims && res.claims[state.selectedClaim];
    if (!c) { box.append(h('p', { class: 'help-text' }, t('detailsEmpty'))); return; }
    box.append(h('h3', {}, h('span', { class: 'vtag', 'data-verdict': c.verdict }, verdictLabel(c.verdict)), ' ', `“${c.text}”`));
    const row = (k, v) => (v == null || v === '' ? null : h('tr', {}, h('th', { scope: 'row' }, k), h('td', {}, v)));
    let printed = null;
    if (isNum(c.value) && c.unit === 'USD') printed = money(c.value);
    else if (isNum(c.value)) printed = nf(Math.min(c.decimals || 0, 3)).format(c.value) + (c.unit === '%' ? '%' : c.unit && c.unit !== 'count' ? ' ' + c.unit : '');
    else if (isNum(c.printed)) printed = nf(Math.min(c.decimals || 0, 3)).format(c.printed) + (c.unit ? ' ' + c.unit : '');
    box.append(h('table', { class: 'kv' }, h('tbody', {},
      row(t('reason'), c.reason),
      row(t('measure'), measureLabel(c.measure)),
      row(t('printed'), printed),
      row(t('period'), c.period),
      row(t('subject'), c.subject ? `${c.subject.from || '?'} → ${c.subject.to || '?'}` : null),
      row(t('bound'), c.bound),
      row(t('target'), c.target ? t('yes') : null))));
    box.append(h('h4', {}, t('evidence')));
    if (!(c.evidence || []).length) box.append(h('p', { class: 'muted' }, t('noEvidence')));
    const ul = h('ul', { class: 'evidence' });
    for (const e of c.evidence || []) {
      ul.append(h('li', { class: e.matches ? 'match' : 'nomatch' },
        h('div', {}, h('strong', {}, e.matches ? '✓ ' : '✗ '), e.note),
        e.source ? h('div', { class: 'muted small' }, e.source) : null,
        e.query || e.ran ? h('details', {}, h('summary', {}, t('query')),
          e.query ? h('div', { class: 'small' }, e.query) : null,
          e.ran ? h('code', { class: 'ran' }, e.ran) : null) : null));
    }
    box.append(ul);
    const internal = (c.internal || []).map(i => res.internal && res.internal[i]).filter(Boolean);
    if (internal.length) {
      box.append(h('h4', {}, t('internalChecks')));
      box.append(h('ul', { class: 'evidence' }, internal.map(x => h('li', { class: x.passed ? 'match' : 'nomatch' }, h('strong', {}, x.passed ? '✓ ' : '✗ '), x.message))));
    }
  }

  function selectClaim(i) {
    state.selectedClaim = i;
    for (const m of $$('#check-output .claim')) m.classList.toggle('selected', +m.dataset.index === i);
    renderClaimDetails();
    const d = $('#claim-details');
    if (window.matchMedia('(max-width: 900px)').matches) d.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }

  async function runCheck() {
    const text = $('#check-text').value;
    showError(null);
    if (!text.trim()) { showError(t('noText')); return; }
    const lang = $('#check-lang').value;
    const btn = $('#check-btn');
    btn.disabled = true;
    try {
      const res = await api('/api/v1/check?' + qs({ lang, format: 'json' }), {
        method: 'POST', body: text, headers: { 'Content-Type': 'text/plain; charset=utf-8', Accept: 'application/json' },
      });
      state.check = { text, result: res };
      state.selectedClaim = -1;
      renderCheck();
    } catch (e) {
      showError(e);
    } finally {
      btn.disabled = false;
    }
  }

  // ---------------------------------------------------------------- routing

  function route(push) {
    applyStatic();
    $('#view-pair').hidden = state.route !== 'pair';
    $('#view-check').hidden = state.route !== 'check';
    setUrl(push);
  }

  function onLocation() {
    const q = readLocation();
    showError(null);
    if (state.route === 'check') {
      // the checker keeps the pair (its tab links back to it)
      route(false);
      renderCheck();
      return;
    }
    const changed = PAIR_KEYS.some(k => (q[k] || '') !== (state.q[k] || ''));
    state.q = q;
    route(false);
    fillForm(q);
    if (changed || !state.data.profile) {
      loadPair();
    } else {
      renderAll();
      if (state.data.brief && state.data.brief.lang && state.data.brief.lang !== state.lang) reloadBrief();
    }
  }

  function setLang(lang) {
    if (lang === state.lang) return;
    state.lang = lang;
    state.langChosen = true;
    setUrl(false);
    applyStatic();
    if (state.route === 'pair' && state.data.profile) {
      renderAll();
      reloadBrief();
    }
    renderCheck();
  }

  // ---------------------------------------------------------------- wiring

  function init() {
    combobox($('#reporter'), $('#reporter-list'));
    combobox($('#partner'), $('#partner-list'));

    for (const b of $$('.lang-btn')) b.addEventListener('click', () => setLang(b.dataset.lang));

    for (const a of $$('.tab, #example-link')) {
      a.addEventListener('click', e => {
        if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
        e.preventDefault();
        history.pushState(null, '', a.getAttribute('href'));
        onLocation();
      });
    }

    $('#pair-form').addEventListener('submit', e => {
      e.preventDefault();
      const q = readForm();
      state.q = q;
      state.route = 'pair';
      setUrl(true);
      loadPair();
    });

    $('#swap').addEventListener('click', () => {
      const r = $('#reporter'), p = $('#partner');
      const ri = r._item, rv = r.value;
      r._item = p._item; r.value = p.value;
      p._item = ri; p.value = rv;
    });

    $('#partners-flow').addEventListener('change', e => { state.partnersFlow = e.target.value; reloadPartners(); });
    $('#copy-brief').addEventListener('click', copyBrief);

    $('#check-form').addEventListener('submit', e => { e.preventDefault(); runCheck(); });
    $('#check-text').addEventListener('keydown', e => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); runCheck(); }
    });
    $('#check-clear').addEventListener('click', () => {
      $('#check-text').value = '';
      state.check = null;
      state.selectedClaim = -1;
      renderCheck();
      showError(null);
      $('#check-text').focus();
    });
    const out = $('#check-output');
    out.addEventListener('click', e => {
      const m = e.target.closest('.claim');
      if (m) selectClaim(+m.dataset.index);
    });
    out.addEventListener('keydown', e => {
      const m = e.target.closest('.claim');
      if (m && (e.key === 'Enter' || e.key === ' ')) { e.preventDefault(); selectClaim(+m.dataset.index); }
    });
    $('#claim-list').addEventListener('click', e => {
      const b = e.target.closest('button.linkish');
      if (!b) return;
      const i = +b.dataset.index;
      selectClaim(i);
      const m = $(`#check-output .claim[data-index="${i}"]`);
      if (m) { m.scrollIntoView({ block: 'center', behavior: 'smooth' }); m.focus({ preventScroll: true }); }
    });

    window.addEventListener('popstate', onLocation);

    // the latest year loaded, as the year field's default
    fetch('/api/v1/catalog').then(r => (r.ok ? r.json() : null)).then(c => {
      if (!c || !Array.isArray(c.imports)) return;
      let y = null;
      for (const imp of c.imports) for (const f of imp.files || []) if (f.table === 'flows' && isNum(f.year)) y = Math.max(y || 0, f.year);
      if (y) { state.catalogYear = String(y); if (!$('#year').value) $('#year').value = state.catalogYear; }
    }).catch(() => { /* the year stays empty */ });

    onLocation();
  }

  window.addEventListener('error', e => {
    try { showError({ detail: { message: String(e.message || e.error || 'error') } }); } catch (x) { /* nothing more to do */ }
  });

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
