// The visitor UI: draws the engine's view model (PROTOCOL.md, "View model") in a closed shadow
// root and turns the visitor's clicks and keys into engine events. It decides nothing the engine
// decides (which panel shows, every text, validation); it owns the DOM: a panel keeps its elements
// while it stays on screen, so focus, caret and half-typed text survive re-renders, and focus moves
// when a panel opens or closes.
// Every string drawn is untrusted (config texts, agent messages, page input): it goes in through
// textContent or setAttribute only, never through anything that parses HTML.
var createParleyRenderer = (function () {
  var kSvgNs = 'http://www.w3.org/2000/svg';
  // 24x24 outlines; 's' marks a stroked icon, the rest are filled.
  var kIcons = {
    chat: 'M4 5.5A2.5 2.5 0 0 1 6.5 3h11A2.5 2.5 0 0 1 20 5.5v8a2.5 2.5 0 0 1-2.5 2.5H10l-4.2 3.6A.5.5 0 0 1 5 19.2V16h.5A1.5 1.5 0 0 1 4 14.5z',
    video: 'M3 7.5A1.5 1.5 0 0 1 4.5 6h9A1.5 1.5 0 0 1 15 7.5v9a1.5 1.5 0 0 1-1.5 1.5h-9A1.5 1.5 0 0 1 3 16.5zM16 10l4.2-2.6a.5.5 0 0 1 .8.4v8.4a.5.5 0 0 1-.8.4L16 14z',
    send: 'M3.4 20.4 21 12 3.4 3.6a.5.5 0 0 0-.7.6L5 11h8v2H5l-2.3 6.8a.5.5 0 0 0 .7.6z',
    close: 's M6 6l12 12M18 6 6 18',
    minimize: 's M6 12h12'
  };
  var nextId = 0;

  return function createParleyRenderer(options) {
    var doc = options.document;
    var onIntent = options.onIntent;
    var host = null;
    var root = null; // the closed shadow root: only this closure holds it
    var frame, launcher, launcherLabel, badge;
    var panel = null; // {kind, el, update(view), focus()}
    var lastView = null;
    var themeKey = '';
    var waitingForBody = false;
    var destroyed = false;

    function el(tag, className, parent, text) {
      var node = doc.createElement(tag);
      if (className) node.className = className;
      if (text != null) node.textContent = text;
      if (parent) parent.appendChild(node);
      return node;
    }
    function setText(node, text) {
      text = text == null ? '' : String(text);
      if (node.textContent !== text) node.textContent = text;
    }
    function uid() { return 'parley-' + (++nextId); }
    function icon(name, parent) {
      var d = kIcons[name];
      var svg = doc.createElementNS(kSvgNs, 'svg');
      var path = doc.createElementNS(kSvgNs, 'path');
      svg.setAttribute('viewBox', '0 0 24 24');
      svg.setAttribute('aria-hidden', 'true');
      svg.setAttribute('focusable', 'false');
      if (d.charAt(0) === 's') { path.setAttribute('class', 's'); d = d.slice(2); }
      path.setAttribute('d', d);
      svg.appendChild(path);
      parent.appendChild(svg);
    }
    function button(className, parent, onClick, text) {
      var node = el('button', className, parent, text);
      node.type = 'button';
      if (onClick) node.addEventListener('click', onClick);
      return node;
    }
    // An icon-only button: its accessible name is hidden text, so page translators still see it.
    function iconButton(name, parent, onClick) {
      var node = button('icon ' + name, parent, onClick);
      icon(name, node);
      node.label = el('span', 'vh', node);
      return node;
    }
    function intent(event) { return function () { onIntent(event); }; }

    // role="dialog" without aria-modal: the page stays usable around the widget.
    function dialog(extraClass) {
      var box = el('section', 'panel ' + extraClass);
      box.setAttribute('role', 'dialog');
      return box;
    }
    function header(box, onClose) {
      var head = el('div', 'head', box);
      var titles = el('div', 'titles', head);
      var title = el('h2', '', titles);
      title.id = uid();
      box.setAttribute('aria-labelledby', title.id);
      return { el: head, title: title, sub: el('p', 'sub', titles), close: iconButton('close', head, onClose) };
    }

    function invitationPanel() {
      var box = dialog('card');
      var message = el('p', 'message', box);
      var actions = el('div', 'actions', box);
      var decline = button('link', actions, intent({ type: 'decline' }));
      var close = iconButton('close', box, intent({ type: 'decline' }));
      var accepts = [];
      var channelsKey = null;
      message.id = uid();
      box.setAttribute('aria-describedby', message.id);
      box.addEventListener('keydown', function (event) {
        if (event.key === 'Escape') { event.preventDefault(); onIntent({ type: 'decline' }); }
      });
      return {
        el: box,
        update: function (view) {
          var invitation = view.invitation;
          var labels = invitation.labels || {};
          var channels = (invitation.channels || []).filter(function (c) { return c === 'chat' || c === 'video'; });
          box.setAttribute('aria-label', view.launcher && view.launcher.label || '');
          setText(message, invitation.message);
          if (channels.join() !== channelsKey) {
            channelsKey = channels.join();
            accepts.forEach(function (node) { node.remove(); });
            accepts = channels.map(function (channel, index) {
              var node = button(index ? 'secondary' : 'primary', null, intent({ type: 'accept', channel: channel }));
              icon(channel, node);
              node.text = el('span', '', node);
              node.channel = channel;
              actions.insertBefore(node, decline);
              return node;
            });
          }
          accepts.forEach(function (node) {
            setText(node.text, node.channel === 'video' ? labels.acceptVideo : labels.acceptChat);
          });
          setText(decline, labels.decline);
          setText(close.label, view.labels && view.labels.close);
        },
        focus: function () { return accepts[0] || decline; }
      };
    }

    function prechatPanel() {
      var box = dialog('prechat');
      var head = header(box, intent({ type: 'closeChat' }));
      var form = el('form', 'body', box);
      var list = el('div', 'fields', form);
      var submit = el('button', 'primary', form);
      var fieldsKey = null;
      var controls = [];
      var submitted = false;
      form.noValidate = true; // the engine validates; browser bubbles would hide its messages
      form.addEventListener('submit', function (event) {
        event.preventDefault();
        submitted = true;
        onIntent({ type: 'prechatSubmit' });
        // A failed submit that leaves the view unchanged brings no render: check here too.
        if (submitted && panel && panel.el === box) focusError();
      });

      function focusError() {
        var bad = controls.filter(function (c) { return c.error.textContent; })[0];
        if (bad) { submitted = false; bad.input.focus(); }
      }
      function change(field, input) {
        onIntent({ type: 'prechatChange', id: field.id, value: input.type === 'checkbox' ? input.checked : input.value });
      }
      function buildField(field) {
        var wrap = el('div', field.type === 'consent' ? 'field check' : 'field', list);
        var label = el('label');
        var input;
        var id = uid();
        if (field.type === 'choice') {
          input = el('select');
          el('option', '', input, '\u2014').value = ''; // nothing chosen yet
          (field.options || []).forEach(function (option) {
            el('option', '', input, option).value = String(option);
          });
          input.addEventListener('change', function () { change(field, input); });
        } else {
          input = el('input');
          input.type = field.type === 'consent' ? 'checkbox' : field.type === 'email' ? 'email' : 'text';
          if (field.type === 'email') input.autocomplete = 'email';
          input.addEventListener(field.type === 'consent' ? 'change' : 'input', function () { change(field, input); });
        }
        input.id = id;
        label.htmlFor = id;
        var control = { input: input, text: el('span', '', label), error: el('p', 'error', null) };
        if (field.required) {
          input.setAttribute('aria-required', 'true');
          el('span', 'req', label, '*').setAttribute('aria-hidden', 'true');
        }
        control.error.id = uid();
        if (field.type === 'consent') wrap.append(input, label, control.error);
        else wrap.append(label, input, control.error);
        return control;
      }

      return {
        el: box,
        update: function (view) {
          var prechat = view.prechat;
          var fields = (prechat.fields || []).filter(function (f) { return f && typeof f.id === 'string'; });
          var key = JSON.stringify(fields.map(function (f) { return [f.id, f.type, !!f.required, f.options]; }));
          setText(head.title, prechat.title);
          setText(head.close.label, view.labels && view.labels.close);
          setText(submit, prechat.labels && prechat.labels.submit);
          if (key !== fieldsKey) { // new questions (or a new language for the options): redraw
            fieldsKey = key;
            list.textContent = '';
            controls = fields.map(buildField);
          }
          var focused = root.activeElement;
          fields.forEach(function (field, index) {
            var control = controls[index];
            var input = control.input;
            setText(control.text, field.label);
            setText(control.error, field.error);
            control.error.hidden = !field.error;
            if (field.error) {
              input.setAttribute('aria-invalid', 'true');
              input.setAttribute('aria-describedby', control.error.id);
            } else {
              input.removeAttribute('aria-invalid');
              input.removeAttribute('aria-describedby');
            }
            // The engine echoes drafts back; never overwrite the field being typed in.
            if (input.type === 'checkbox') input.checked = field.value === true;
            else if (input !== focused && typeof field.value === 'string' && input.value !== field.value) input.value = field.value;
          });
          if (submitted) focusError();
        },
        focus: function () { return controls.length ? controls[0].input : submit; }
      };
    }

    function chatPanel() {
      var box = dialog('chat');
      var head = header(box, intent({ type: 'closeChat' }));
      var end = button('end', null, intent({ type: 'endChat' }));
      var minimize = iconButton('minimize', null, intent({ type: 'minimize' }));
      var log = el('div', 'log', box);
      var form = el('form', 'composer', box);
      var label = el('label', 'vh', form);
      var input = el('textarea', '', form);
      var send = el('button', 'send', form);
      var shown = []; // [{id, node}] in transcript order
      var canSend = true;
      head.el.insertBefore(end, head.close);
      head.el.insertBefore(minimize, head.close);
      // role=log is polite by default; said explicitly for older screen readers. Focusable so
      // keyboard users can scroll it.
      log.setAttribute('role', 'log');
      log.setAttribute('aria-live', 'polite');
      log.tabIndex = 0;
      input.id = uid();
      input.rows = 1;
      label.htmlFor = input.id;
      icon('send', send);
      send.label = el('span', 'vh', send);

      function submit() {
        var text = input.value.trim();
        if (!canSend || !text) return;
        onIntent({ type: 'sendMessage', text: text });
        input.value = '';
      }
      form.addEventListener('submit', function (event) { event.preventDefault(); submit(); });
      input.addEventListener('keydown', function (event) {
        // Enter sends, Shift+Enter is a new line; Enter that ends an IME composition is not a send.
        if (event.key === 'Enter' && !event.shiftKey && !event.isComposing && event.keyCode !== 229) {
          event.preventDefault();
          submit();
        }
      });
      box.addEventListener('keydown', function (event) {
        if (event.key === 'Escape') { event.preventDefault(); onIntent({ type: 'minimize' }); }
      });

      function addMessage(message, previous, agentName) {
        var from = message.from === 'visitor' || message.from === 'agent' ? message.from : 'system';
        // The agent's name above each run of agent messages: who speaks, for eyes and ears.
        if (from === 'agent' && agentName && (!previous || previous.from !== 'agent')) el('div', 'who', log, agentName);
        return el('div', 'msg ' + from, log, message.text);
      }
      function updateMessages(messages, agentName) {
        var kept = 0;
        while (kept < shown.length && kept < messages.length && shown[kept].id === String(messages[kept].id)) kept++;
        if (kept < shown.length) { // not an append: another conversation, redraw it
          log.textContent = '';
          shown = [];
          kept = 0;
        }
        if (kept === messages.length) return;
        var atBottom = log.scrollHeight - log.scrollTop - log.clientHeight < 48;
        for (var i = kept; i < messages.length; i++) {
          shown.push({ id: String(messages[i].id), node: addMessage(messages[i], messages[i - 1], agentName) });
        }
        // Follow the conversation unless the visitor scrolled up to read; their own message always.
        if (atBottom || messages[messages.length - 1].from === 'visitor') log.scrollTop = log.scrollHeight;
      }

      return {
        el: box,
        update: function (view) {
          var chat = view.chat;
          var labels = chat.labels || {};
          var messages = (chat.messages || []).filter(Boolean);
          setText(head.title, chat.title);
          setText(head.sub, chat.status || chat.agentName);
          setText(end, labels.end);
          setText(minimize.label, view.labels && view.labels.minimize);
          setText(head.close.label, view.labels && view.labels.close);
          setText(label, labels.composer);
          if (input.placeholder !== String(labels.composer || '')) input.placeholder = labels.composer || '';
          setText(send.label, labels.send);
          shown.forEach(function (entry, index) {
            if (messages[index] && String(messages[index].id) === entry.id) setText(entry.node, messages[index].text);
          });
          updateMessages(messages, chat.agentName);
          // readOnly, not disabled: disabling would throw the visitor's focus out of the widget.
          canSend = chat.canSend !== false;
          input.readOnly = !canSend;
          input.setAttribute('aria-disabled', String(!canSend));
          send.disabled = !canSend;
        },
        focus: function () { return input; },
        // A hidden log cannot scroll: catch up with what arrived while minimized.
        reveal: function () { log.scrollTop = log.scrollHeight; }
      };
    }

    function postchatPanel() {
      var box = dialog('card');
      var form = el('form', '', box);
      var group = el('fieldset', '', form);
      var legend = el('legend', '', group);
      var stars = el('div', 'stars', group);
      var actions = el('div', 'actions', form);
      var submit = el('button', 'primary', actions);
      var skip = button('link', actions, intent({ type: 'rate', score: null }));
      var name = uid();
      var scale = 0;
      var score = 0;
      stars.addEventListener('change', function (event) {
        score = Number(event.target.value);
        Array.prototype.forEach.call(stars.children, function (star, index) { star.classList.toggle('on', index < score); });
        submit.disabled = false;
      });
      form.addEventListener('submit', function (event) {
        event.preventDefault();
        if (score) onIntent({ type: 'rate', score: score });
      });
      submit.disabled = true;
      return {
        el: box,
        update: function (view) {
          var postchat = view.postchat;
          var count = Math.max(1, Math.min(10, Math.floor(postchat.scale) || 5));
          box.setAttribute('aria-label', postchat.question || '');
          setText(legend, postchat.question);
          setText(submit, postchat.labels && postchat.labels.submit);
          setText(skip, postchat.labels && postchat.labels.skip);
          if (count === scale) return;
          scale = count;
          stars.textContent = '';
          for (var n = 1; n <= count; n++) {
            // Native radios: arrow keys, and screen readers say "3, radio button, 3 of 5".
            var star = el('label', '', stars);
            var radio = el('input', '', star);
            radio.type = 'radio';
            radio.name = name;
            radio.value = String(n);
            radio.setAttribute('aria-label', String(n));
            el('span', 'star', star, '\u2605').setAttribute('aria-hidden', 'true');
          }
        },
        focus: function () { return stars.querySelector('input'); }
      };
    }

    var kPanels = { invitation: invitationPanel, prechat: prechatPanel, chat: chatPanel, postchat: postchatPanel };

    function attach() {
      if (destroyed || host.isConnected) return;
      if (doc.body) {
        doc.body.appendChild(host);
      } else if (!waitingForBody) { // a script in <head> can render before <body> exists
        waitingForBody = true;
        doc.addEventListener('DOMContentLoaded', onBody);
      }
    }
    function onBody() {
      waitingForBody = false;
      doc.removeEventListener('DOMContentLoaded', onBody);
      attach();
    }

    function ensureHost() {
      if (!host) {
        host = doc.createElement('div');
        host.setAttribute('data-parley-widget', '');
        root = host.attachShadow({ mode: 'closed' });
        frame = el('div', 'root', root);
        launcher = button('launcher', frame, function () {
          onIntent({ type: lastView && lastView.minimized ? 'maximize' : 'startChat' });
        });
        icon('chat', launcher);
        launcherLabel = el('span', 'vh', launcher);
        badge = el('span', 'badge', launcher);
      }
      attach(); // again on each render: a single-page app may have replaced <body>
    }

    function applyTheme(view) {
      var theme = view.theme || {};
      var color = parleyStyles.color(options.colorOverride) || theme.color;
      var font = parleyStyles.font(options.fontOverride) || theme.font;
      var key = color + '\n' + font;
      if (key === themeKey) return;
      themeKey = key;
      root.adoptedStyleSheets = [parleyStyles.build({ color: color, font: font })];
    }

    function render(view) {
      if (destroyed || !view) return;
      ensureHost();
      var hadFocus = !!root.activeElement;
      var active = doc.activeElement;
      var pageIdle = !active || active === doc.body || active === doc.documentElement;
      var kind = view.invitation ? 'invitation' : view.prechat ? 'prechat' : view.chat ? 'chat' : view.postchat ? 'postchat' : '';
      var opened = false;
      var closed = false;
      lastView = view;
      applyTheme(view);
      host.setAttribute('lang', view.locale === 'fr' ? 'fr' : 'en');

      if (!panel || panel.kind !== kind) {
        if (panel) { panel.el.remove(); closed = true; }
        panel = kind ? kPanels[kind]() : null;
        if (panel) {
          panel.kind = kind;
          frame.insertBefore(panel.el, launcher);
          opened = true;
        }
      }
      if (panel) {
        var wasHidden = panel.el.hidden;
        panel.update(view);
        panel.el.hidden = !!view.minimized;
        if (wasHidden && !view.minimized) {
          opened = true;
          if (panel.reveal) panel.reveal();
        }
        if (!wasHidden && view.minimized) { opened = false; closed = true; }
      }

      var launcherView = view.launcher || {};
      var unread = Math.max(0, Math.floor(launcherView.unread) || 0);
      // data-hide-chat-button hides the entry point, not the way back to a minimized chat.
      launcher.hidden = !launcherView.visible || (options.hideLauncher && !view.minimized);
      setText(launcherLabel, launcherView.label);
      setText(badge, unread > 99 ? '99+' : unread || '');
      badge.hidden = !unread;

      // Focus: into a panel that opens (an unsolicited invitation only when the visitor is not
      // busy on the page), back to the launcher when the panel it was in goes away.
      if (opened && (kind !== 'invitation' || hadFocus || pageIdle)) {
        var target = panel.focus();
        if (target) target.focus();
      } else if (hadFocus && (closed || !root.activeElement)) {
        if (panel && !panel.el.hidden) panel.focus().focus();
        else if (!launcher.hidden) launcher.focus();
      }
    }

    function destroy() {
      destroyed = true;
      if (waitingForBody) doc.removeEventListener('DOMContentLoaded', onBody);
      if (host) host.remove();
      host = root = panel = lastView = null;
    }

    return { render: render, destroy: destroy };
  };
})();
