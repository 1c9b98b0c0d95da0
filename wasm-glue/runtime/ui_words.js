// The widget's own words in the view's language: the site's override (config "strings", in
// view.strings), else this language's table (locales/*.json), else the engine's English or
// French text as the view carries it. {name}-style params are filled in; a table entry with
// plural forms ({one, other, ...}) is chosen by Intl.PluralRules, numbers by Intl.NumberFormat.
// A language's table is fetched the first time a view is in it (parley-locale-<language>.json
// next to parley.js: only the page's language costs bytes), then onTable(locale) draws again;
// until it comes, or if it never does, the engine's English. The UI tests inline them all.
//
//   createParleyWords(assetBase, onTable(locale)) -> {use(view), say(key, fallback, params),
//                                                     locale(), stop()}
function createParleyWords(assetBase, onTable) {
  var words = { locale: 'en', table: null, overrides: {} };
  var tables = typeof parleyLocales === 'object' ? parleyLocales : {};
  var requested = {};
  var stopped = false;

  function use(view) {
    var locale = typeof view.locale === 'string' && /^[a-z]{2}$/.test(view.locale) ? view.locale : 'en';
    words = { locale: locale, table: tables[locale] || null,
              overrides: view.strings && typeof view.strings === 'object' ? view.strings : {} };
    if (!words.table && locale !== 'en' && locale !== 'fr' && !requested[locale]) fetchTable(locale);
  }
  function fetchTable(locale) {
    requested[locale] = true;
    var url;
    try { url = new URL('parley-locale-' + locale + '.json', assetBase).href; } catch (e) { return; }
    if (typeof fetch !== 'function') return;
    fetch(url).then(function (response) {
      return response.ok ? response.json() : null;
    }).then(function (table) {
      if (!table || typeof table !== 'object' || stopped) return;
      tables[locale] = table;
      onTable(locale);
    }).catch(function () { /* no table: English it is */ });
  }
  function say(key, fallback, params) {
    var entry = key && Object.prototype.hasOwnProperty.call(words.overrides, key) ? words.overrides[key]
      : key && words.table ? words.table[key] : null;
    if (entry && typeof entry === 'object') entry = entry[pluralOf(params && params.count)] || entry.other;
    if (typeof entry !== 'string') return fallback == null ? '' : fallback;
    return entry.replace(/\{(\w+)\}/g, function (whole, name) {
      var value = params && params[name];
      if (value == null) return whole;
      return typeof value === 'number' ? formatNumber(value) : String(value);
    });
  }
  function pluralOf(count) {
    try { return new Intl.PluralRules(words.locale).select(count); } catch (e) { return count === 1 ? 'one' : 'other'; }
  }
  function formatNumber(value) {
    try { return new Intl.NumberFormat(words.locale).format(value); } catch (e) { return String(value); }
  }

  return {
    use: use,
    say: say,
    locale: function () { return words.locale; },
    stop: function () { stopped = true; }
  };
}
