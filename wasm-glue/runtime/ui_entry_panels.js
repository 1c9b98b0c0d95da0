// The panels parley.js draws itself, before any conversation: the invitation, the pre-chat
// survey, and the chat pane's stand-in while parley-chat.js is on its way.
// The survey is here, not in parley-chat.js: it is the first panel after "Start chat" on a site
// that has one, so it must show at once, and it is small (1.0 KB gzip on its own); while the visitor
// answers it, parley-chat.js arrives.
//
//   createParleyEntryPanels(kit) -> {invitation(), prechat(), waiting()}: each makes a panel
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

  function prechat() {
    var box = k.dialog('prechat', 'survey');
    var head = k.header(box, k.intent({ type: 'closeChat' }));
    var form = k.el('form', 'body', box);
    k.onEscape(box, { type: 'minimize' });
    var list = k.el('div', 'fields', form);
    var submit = k.part(k.el('button', 'primary', form), 'submit');
    var fieldsKey;
    var controls = [];
    var submitted = false;
    form.noValidate = true; // the engine validates; browser bubbles would hide its messages
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      submitted = true;
      k.onIntent({ type: 'prechatSubmit' });
      // The same errors again bring no render: look now too.
      if (k.panel() && k.panel().el === box) focusError();
    });
    function focusError() {
      for (var i = 0; i < controls.length; i++) {
        if (controls[i].error.textContent) {
          submitted = false;
          controls[i].input.focus();
          return;
        }
      }
    }
    function buildField(field) {
      var consent = field.type === 'consent';
      var wrap = k.part(k.el('div', consent ? 'field check' : 'field', list), 'field');
      var label = k.el('label');
      var input;
      if (field.type === 'choice') {
        input = k.el('select');
        k.el('option', '', input, '\u2014').value = '';
        var options = field.options || [];
        for (var i = 0; i < options.length; i++) k.el('option', '', input, options[i]).value = options[i];
      } else {
        input = k.el('input');
        input.type = consent ? 'checkbox' : field.type === 'email' ? 'email' : 'text';
      }
      k.part(input, 'input');
      input.addEventListener(input.type === 'text' || input.type === 'email' ? 'input' : 'change', function () {
        k.onIntent({ type: 'prechatChange', id: field.id, value: consent ? input.checked : input.value });
      });
      input.id = label.htmlFor = k.uid();
      var control = { input: input, text: k.el('span', '', label), error: k.el('p', 'error') };
      control.error.id = k.uid();
      if (field.required) {
        input.setAttribute('aria-required', 'true');
        k.el('span', 'req', label, '*').setAttribute('aria-hidden', 'true');
      }
      wrap.append(label, input, control.error); // CSS puts a checkbox first
      return control;
    }
    return {
      el: box,
      update: function (view) {
        var prechat = view.prechat;
        var fields = prechat.fields || [];
        var shape = [];
        for (var i = 0; i < fields.length; i++) shape[i] = [fields[i].id, fields[i].type, !!fields[i].required, fields[i].options];
        var key = JSON.stringify(shape);
        var focused = k.root.activeElement;
        k.setText(head.title, k.say('prechatTitle', prechat.title));
        k.setText(head.close.label, k.say('close', (view.labels || {}).close));
        k.setText(submit, k.say('prechatSubmit', (prechat.labels || {}).submit));
        if (key !== fieldsKey) {
          fieldsKey = key;
          list.textContent = '';
          controls = [];
          for (var f = 0; f < fields.length; f++) controls[f] = buildField(fields[f]);
        }
        for (var index = 0; index < fields.length; index++) {
          var field = fields[index];
          var control = controls[index];
          var input = control.input;
          k.setText(control.text, field.label);
          k.setText(control.error, field.error);
          control.error.hidden = !field.error;
          k.attr(input, 'aria-invalid', field.error && 'true');
          k.attr(input, 'aria-describedby', field.error && control.error.id);
          // Drafts echoed back may lag behind typing: spare the focused field.
          if (input.type === 'checkbox') input.checked = field.value === true;
          else if (input !== focused && typeof field.value === 'string' && input.value !== field.value) input.value = field.value;
        }
        if (submitted) focusError();
      },
      focus: function () { return controls.length ? controls[0].input : submit; }
    };
  }

  // The chat pane (or the rating) until parley-chat.js has come: the conversation's title and
  // status, busy; the real pane replaces it as soon as the file arrives. The engine holds the
  // conversation meanwhile, so nothing the visitor did or typed is lost if it never does.
  function waiting() {
    var box = k.dialog('chat', 'chat');
    var head = k.header(box, k.intent({ type: 'closeChat' }));
    var escape = { type: 'minimize' };  // as the pane's; the rating's is a skip
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
        escape = view.chat ? { type: 'minimize' } : { type: 'rate', score: null };
        k.setText(head.title, view.chat ? k.say(chat.titleKey, chat.title) : k.say('ratingQuestion', postchat.question));
        k.setText(head.sub, view.chat ? k.say(chat.statusKey, chat.status) : '');
        k.setText(head.close.label, k.say('close', (view.labels || {}).close));
      },
      focus: function () { return box; }
    };
  }

  return { invitation: invitation, prechat: prechat, waiting: waiting };
}
