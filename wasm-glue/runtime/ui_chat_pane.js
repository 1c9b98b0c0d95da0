// The chat pane (parley-chat.js): header, the call's stage, the log with its timestamps, author
// lines and receipts, the typing line and the composer. Keeps its DOM while it stays, so focus,
// caret and typing survive re-renders; every string is text, never HTML.
//
//   createParleyChatPane(kit) -> {el, update(view), focus(), streams(), close(), reveal()}
var createParleyChatPane = (function () {
  var kSendIcon = 'M3 20.5 21.5 12 3 3.5V10l13 2-13 2z';

  return function createParleyChatPane(k) {
    k.icons.send = kSendIcon;
    var box = k.dialog('chat', 'chat');
    var head = k.header(box, k.intent({ type: 'closeChat' }));
    var stage = createParleyCallStage(k, box);
    k.onEscape(box, { type: 'minimize' });
    var end = k.part(k.button('end', null, k.intent({ type: 'endChat' })), 'end-button');
    var minimize = k.iconButton('minimize', null, k.intent({ type: 'minimize' }));
    // "Reconnecting…": a live region present from the start (one that appears is not announced).
    var connection = k.el('p', 'conn', box);
    connection.setAttribute('role', 'status');
    var log = k.part(k.el('div', 'log', box), 'log');
    // "Alex is typing…": outside the log (not a message), a status present from the start.
    var typing = k.part(k.el('p', 'typing', box), 'typing');
    typing.setAttribute('role', 'status');
    var form = k.part(k.el('form', 'composer', box), 'composer');
    var label = k.el('label', 'vh', form);
    var input = k.part(k.el('textarea', '', form), 'composer-input');
    var send = k.part(k.el('button', 'send', form), 'send-button');
    var shown = []; // message ids
    var lastAuthor = null; // the agent group the log ends with: "name\navatar", or null
    var receipt = null;    // {bubble, node}: "Delivered" / "Read" under the visitor's last message
    var clock = createParleyChatClock(k.win);
    var closed = false;    // the pane is going away: its focus leaves, the visitor did not
    var canSend = true;
    var typed = []; // drafts typed here that the conversation has not caught up with yet
    head.el.insertBefore(end, head.close);
    head.el.insertBefore(minimize, head.close);
    // Polite by default, said again for older screen readers; focusable to scroll by keyboard.
    log.setAttribute('role', 'log');
    log.setAttribute('aria-live', 'polite');
    log.tabIndex = 0;
    input.id = label.htmlFor = k.uid();
    input.rows = 1;
    k.icon('send', send);
    send.label = k.el('span', 'vh', send);
    function submit(event) {
      var text = input.value.trim();
      if (event) event.preventDefault();
      if (!canSend || !text) return;
      k.onIntent({ type: 'sendMessage', text: text });
      input.value = '';
    }
    form.addEventListener('submit', submit);
    // The draft is kept with the conversation (a reload, the site's other tabs): k.onDraft.
    input.addEventListener('input', function () {
      typed[typed.length] = input.value;
      if (typed.length > 50) typed.shift();
      if (k.onDraft) k.onDraft(input.value);
    });
    // Leaving the composer with text in it ends "typing" for the agent (the engine says "off"
    // once, if it said "on"); an empty composer already said so, and a pane going away says nothing.
    input.addEventListener('blur', function () {
      if (!closed && input.value.trim()) k.onIntent({ type: 'composerBlur' });
    });
    input.addEventListener('keydown', function (event) {
      // Shift+Enter: new line; an Enter that ends an IME composition is not a send.
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing && event.keyCode !== 229) submit(event);
    });

    function append(messages) {
      var kept = 0;
      while (kept < shown.length && kept < messages.length && shown[kept] === String(messages[kept].id)) kept++;
      if (kept < shown.length) { // not an append: another conversation
        log.textContent = '';
        shown = [];
        kept = 0;
        lastAuthor = receipt = null;
        clock.clear();
      }
      if (kept === messages.length) return;
      var atBottom = log.scrollHeight - log.scrollTop - log.clientHeight < 48;
      for (var i = kept; i < messages.length; i++) {
        var message = messages[i];
        var from = message.from;
        if (from !== 'visitor' && from !== 'agent') from = 'system';
        if (from === 'system') {
          k.part(k.el('div', 'msg system', log, k.say(message.key, message.text, message.params)), 'message message-system').dir = 'auto';
          lastAuthor = null;
        } else {
          if (from === 'agent') authorLine(message);
          else lastAuthor = null;
          var bubble = k.part(k.el('div', 'msg ' + from, log), 'message message-' + from);
          k.part(k.el('p', 'text', bubble, message.text), 'message-text').dir = 'auto';
          var meta = k.el('p', 'meta', bubble);
          if (typeof message.at === 'number' && isFinite(message.at)) clock.add(k.part(k.el('time', 'at', meta), 'message-time'), message.at);
          bubble.meta = meta;
        }
        shown[shown.length] = String(message.id);
      }
      if (atBottom || from === 'visitor') log.scrollTop = log.scrollHeight;
    }
    // Consecutive agent messages are one group: its author's name (and picture) once, above it.
    function authorLine(message) {
      var name = typeof message.author === 'string' ? message.author : '';
      var avatar = typeof message.avatar === 'string' ? message.avatar : '';
      var key = name + '\n' + avatar;
      if (key === lastAuthor) return;
      lastAuthor = key;
      if (!name && !avatar) return;
      var line = k.part(k.el('div', 'who', log), 'message-author');
      if (avatar) {
        var face = k.part(k.el('img', 'face', line), 'message-avatar');
        face.alt = '';  // decorative: the name is beside it
        face.setAttribute('src', avatar);
      }
      if (name) k.el('span', '', line, name).dir = 'auto';
    }
    // How far the visitor's last message got, in its own bubble's meta line.
    function showReceipt(chat) {
      var wanted = chat.receipt && typeof chat.receipt === 'object' ? chat.receipt : null;
      var bubble = wanted ? findBubble(String(wanted.id)) : null;
      if (receipt && (!bubble || receipt.bubble !== bubble)) {
        receipt.node.remove();
        receipt = null;
      }
      if (!bubble) return;
      if (!receipt) receipt = { bubble: bubble, node: k.part(k.el('span', 'receipt', bubble.meta), 'message-receipt') };
      k.setText(receipt.node, k.say(wanted.key, wanted.text));
    }
    function findBubble(id) {
      // Messages are the log's .msg children, in `shown` order (author lines are not messages).
      var n = 0;
      var target = shown.lastIndexOf(id);
      if (target < 0) return null;
      for (var child = log.firstChild; child; child = child.nextSibling) {
        if (child.className.indexOf('msg') !== 0) continue;
        if (n === target) return child.meta ? child : null;
        n++;
      }
      return null;
    }
    return {
      el: box,
      update: function (view) {
        var chat = view.chat;
        var labels = chat.labels || {};
        k.setText(head.title, k.say(chat.titleKey, chat.title));
        // Waiting: the status and the site's reply time; then who answers, with the reply time
        // that agent gave (TRANSPORT.md, agent.joined) if any.
        var reply = chat.replyTime || '';
        var status = k.say(chat.statusKey, chat.status);
        var agent = chat.agentName ? chat.agentName + (chat.agentReplyTime ? ' \u00b7 ' + chat.agentReplyTime : '') : '';
        k.setText(head.sub, status ? status + (reply ? ' \u00b7 ' + reply : '') : agent || reply);
        k.showImage(head, 'logo', chat.logo);
        k.showImage(head, 'avatar', chat.avatar);
        k.setText(head.close.label, k.say('close', (view.labels || {}).close));
        k.setText(minimize.label, k.say('minimize', (view.labels || {}).minimize));
        k.setText(end, k.say('endChat', labels.end));
        k.setText(label, k.say('composer', labels.composer));
        k.setText(send.label, k.say('send', labels.send));
        input.placeholder = k.say('composer', labels.composer);
        k.setText(connection, chat.connection && k.say('reconnecting', chat.connection.status));
        clock.relabel(k.locale());
        append(chat.messages || []);
        showReceipt(chat);
        var typingView = chat.typing && typeof chat.typing === 'object' ? chat.typing : null;
        k.setText(typing, typingView && k.say(typingView.key, typingView.text, typingView.params));
        // The conversation's draft (a reload, another tab), but not an echo of what was typed
        // here that lags behind the typing.
        if (chat.draft === input.value) typed = [];
        else if (typeof chat.draft === 'string' && typed.indexOf(chat.draft) < 0) {
          input.value = chat.draft;
          typed = [];
        }
        stage.update(view.video || null);
        // readOnly, not disabled: disabling would drop the visitor's focus.
        canSend = chat.canSend !== false;
        input.readOnly = !canSend;
        input.setAttribute('aria-disabled', String(!canSend));
        send.disabled = !canSend;
      },
      focus: function () { return input; },
      streams: stage.streams,
      close: function () {
        closed = true;
        clock.stop();
      },
      // A hidden log does not scroll: catch up after being minimized.
      reveal: function () { log.scrollTop = log.scrollHeight; }
    };
  };
})();
