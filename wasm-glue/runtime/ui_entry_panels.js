// The panels parley.js draws itself: the invitation, and the stand-in that holds the place of a
// panel of parley-chat.js (the survey, the chat pane, the rating) while that file is on its way.
// The survey moved to parley-chat.js (ui_prechat.js; README, "What loads when"): it shows only
// after "Start chat", and the file is asked for as soon as an invitation shows.
//
//   createParleyEntryPanels(kit) -> {invitation(), waiting()}: each makes a panel
//   {el, update(view), focus() -> element}
function createParleyEntryPanels(k) {
  function invitation() {
    var box = k.dialog('card', 'invitation');
    var message = k.part(k.el('p', 'message', box), 'invitation-message');
    message.dir = 'auto';  // the site's text keeps its own direction in a widget of another
    var actions = k.el('div', 'actions', box);
    var accepts = [acceptButton('chat', 'primary'), acceptButton('video', 'secondary')];
    function acceptButton(channel, className) {
      var node = k.part(k.button(className, actions, k.intent({ type: 'accept', channel: channel })), 'accept-' + channel);
      k.icon(channel, node);
      node.label = k.el('span', '', node);
      return node;
    }
    var decline = k.part(k.button('link', actions, k.intent({ type: 'decline' })), 'decline');
    var close = k.iconButton('close', box, k.intent({ type: 'decline' }));
    message.id = k.uid();
    box.setAttribute('aria-describedby', message.id);
    k.onEscape(box, { type: 'decline' });
    return {
      el: box,
      update: function (view) {
        var invitation = view.invitation;
        var labels = invitation.labels || {};
        var channels = invitation.channels || [];
        box.setAttribute('aria-label', k.say('launcher', (view.launcher || {}).label));
        k.setText(message, invitation.message);
        k.setText(accepts[0].label, k.say('acceptChat', labels.acceptChat));
        k.setText(accepts[1].label, k.say('acceptVideo', labels.acceptVideo));
        accepts[0].hidden = channels.indexOf('chat') < 0;
        accepts[1].hidden = channels.indexOf('video') < 0;
        accepts[1].className = accepts[0].hidden ? 'primary' : 'secondary';
        k.setText(decline, k.say('decline', labels.decline));
        k.setText(close.label, k.say('close', (view.labels || {}).close));
      },
      focus: function () { return k.firstShown(accepts) || decline; }
    };
  }

  // The survey, the chat pane or the rating until parley-chat.js has come: the survey's title, or
  // the conversation's title and status, busy; the real panel replaces it as soon as the file
  // arrives. The engine holds the conversation meanwhile, so nothing the visitor did or typed is
  // lost if it never does.
  function waiting() {
    var box = k.dialog('chat', 'chat');
    var head = k.header(box, k.intent({ type: 'closeChat' }));
    var escape = { type: 'minimize' };  // as the survey's and the pane's; the rating's is a skip
    box.addEventListener('keydown', function (key) {
      if (key.key === 'Escape') k.onIntent(escape);
    });
    box.setAttribute('aria-busy', 'true');
    box.tabIndex = -1;  // holds the focus until the pane takes it
    return {
      el: box,
      update: function (view) {
        var chat = view.chat || {};
        var postchat = view.postchat || {};
        escape = view.postchat && !view.chat ? { type: 'rate', score: null } : { type: 'minimize' };
        k.setText(head.title, view.prechat ? k.say('prechatTitle', view.prechat.title) :
          view.chat ? k.say(chat.titleKey, chat.title) : k.say('ratingQuestion', postchat.question));
        k.setText(head.sub, view.chat && !view.prechat ? k.say(chat.statusKey, chat.status) : '');
        k.setText(head.close.label, k.say('close', (view.labels || {}).close));
      },
      focus: function () { return box; }
    };
  }

  return { invitation: invitation, waiting: waiting };
}
