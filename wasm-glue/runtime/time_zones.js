// Time zones through Intl: the visitor's zone (for the country guess and "visitor" hours) and the
// UTC offset of each named zone the rules use. The engine has no clock and no tz database; it
// takes these as facts.

var parleyTimeZones = (function () {
  function visitorZone() {
    try { return Intl.DateTimeFormat().resolvedOptions().timeZone || ''; } catch (e) { return ''; }
  }

  // Minutes east of UTC of `zone` at `date`: format the instant in that zone, read it back as if
  // it were UTC, and compare.
  function offsetMinutes(zone, date) {
    try {
      var parts = new Intl.DateTimeFormat('en-US', {
        timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric',
        hour: 'numeric', minute: 'numeric', second: 'numeric'
      }).formatToParts(date);
      var v = {};
      for (var i = 0; i < parts.length; ++i) v[parts[i].type] = Number(parts[i].value);
      var asUtc = Date.UTC(v.year, v.month - 1, v.day, v.hour, v.minute, v.second);
      return Math.round((asUtc - Math.floor(date.getTime() / 1000) * 1000) / 60000);
    } catch (e) {
      return null;  // not a zone this browser knows: the rules using it stay false
    }
  }

  function offsets(zones, date) {
    var out = {};
    for (var i = 0; i < zones.length; ++i) {
      var minutes = offsetMinutes(zones[i], date);
      if (minutes !== null) out[zones[i]] = minutes;
    }
    return out;
  }

  return { visitorZone: visitorZone, offsets: offsets };
})();
