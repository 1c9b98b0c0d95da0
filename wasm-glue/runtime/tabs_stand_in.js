// The site's tabs (tab_sync.js) come with parley-wire.js, with the wires they elect an owner for.
// Until the part arrives this stands in for them with the same interface: it keeps what the
// engine stores (written through to this tab's session store at once, so a reload loses
// nothing), the transport's listeners and what is sent, and hands them over, in order, to the
// real tabs once they are made. A tab with the host's own transport needs no part: it is on its
// own, the host's transport its connection.
//
//   createParleyTabsStandIn(wirePart, {hostTransport (the host's, or null: ours), key, tab, session,
//                                      identity, open(part, storage, identity) -> our transport,
//                                      conversation(text | null), intent(event)})
//     -> {transport, start(), store(key, value), mirroring(), forward(event)}

function createParleyTabsStandIn(wirePart, options) {
  var session = options.session;
  if (options.hostTransport) {
    return {
      transport: options.hostTransport,
      start: function () {},
      store: function (key, value) { session.set(key, value); },
      mirroring: function () { return false; },
      forward: function () {}
    };
  }
  var real = null, started = false, closed = false;
  var stores = [], sends = [], onMessage = null, onConnection = null;
  var stored = session.get('conversation');
  wirePart.onReady(function (part) {
    if (closed) return;
    real = part.createTabs({
      key: options.key, tab: options.tab, session: session, stored: stored, identity: options.identity,
      open: function (storage, identity) { return options.open(part, storage, identity); },
      conversation: options.conversation, intent: options.intent
    });
    for (var i = 0; i < stores.length; i++) real.store(stores[i][0], stores[i][1]);
    if (onMessage) real.transport.onMessage(onMessage);
    if (onConnection) real.transport.onConnection(onConnection);
    if (started) real.start();
    for (var j = 0; j < sends.length; j++) real.transport.send(sends[j]);
    stores = sends = null;
  });
  return {
    transport: {
      send: function (message) {
        if (real) return real.transport.send(message);
        sends[sends.length] = message;
        wirePart.need(true);  // after a failure: tried again
        return true;
      },
      onMessage: function (fn) { onMessage = fn; if (real) real.transport.onMessage(fn); },
      onConnection: function (fn) { onConnection = fn; if (real) real.transport.onConnection(fn); },
      close: function () { closed = true; if (real) real.transport.close(); }
    },
    start: function () { started = true; if (real) real.start(); },
    store: function (key, value) {
      if (real) return real.store(key, value);
      session.set(key, value);
      stores[stores.length] = [key, value];
    },
    mirroring: function () { return !!real && real.mirroring(); },
    forward: function (event) { if (real) real.forward(event); }
  };
}
