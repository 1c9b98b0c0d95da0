// The visitor UI: draws the engine's view model (PROTOCOL.md) in an open shadow root; intents go
// back as engine events. A panel keeps its DOM while it stays, so focus, caret and typing survive
// re-renders. Every string is untrusted: textContent and setAttribute only, never HTML.
// Open, not closed: a closed root protects nothing from the host page (a script that runs first
// can patch attachShadow) but hides the widget from every QA and accessibility tool. The main
// elements carry `part` names (README, "Restyling and testing the widget"), a site's styling hook.
// Hot paths (render, update) use no Array.prototype method a page may have replaced (builtins.js):
// plain loops and index writes.
var createParleyRenderer = (function () {
  // 's ': stroked
  var kIcons = {
    chat: 'M12 3C6.5 3 2 6.6 2 11c0 2.4 1.3 4.6 3.4 6L4.5 21l4.4-2.4c1 .3 2 .4 3.1.4 5.5 0 10-3.6 10-8s-4.5-8-10-8z',
    video: 'M3 6h12v12H3zm13 4 5-3v10l-5-3z',
    send: 'M3 20.5 21.5 12 3 3.5V10l13 2-13 2z',
    close: 's M6 6l12 12M18 6 6 18',
    minimize: 's M6 12h12',
    // The call's controls.
    microphone: 's M12 3a3 3 0 0 0-3 3v5a3 3 0 0 0 6 0V6a3 3 0 0 0-3-3zM5 11a7 7 0 0 0 14 0M12 18v3',
    microphoneOff: 's M12 3a3 3 0 0 0-3 3v5a3 3 0 0 0 6 0V6a3 3 0 0 0-3-3zM5 11a7 7 0 0 0 14 0M12 18v3M4 4l16 16',
    camera: 'M3 6h12v12H3zm13 4 5-3v10l-5-3z',
    cameraOff: 's M3 6h12v12H3zm13 4 5-3v10l-5-3M3 3l18 18',
    hangUp: 'M2 13.5C7.5 8.2 16.5 8.2 22 13.5l-3 3.2-3.6-2.2v-2.6a11 11 0 0 0-6.8 0v2.6L5 16.7z',
    fullScreen: 's M4 9V4h5M15 4h5v5M20 15v5h-5M9 20H4v-5',
    exitFullScreen: 's M9 4v5H4M20 9h-5V4M15 20v-5h5M4 15h5v5',
    pictureInPicture: 's M3 5h18v14H3zM12 12h7v5h-7z'
  };
  // The call's controls, in the order they show; each is shown in the listed states.
  // Accepting and retrying are words; the switches of a running call are icon buttons (named by
  // hidden text, like the header's), full screen and picture-in-picture only where the browser can.
  var kCallControls = [
    ['accept', 'primary', ['invited']],
    ['decline', 'secondary', ['invited']],
    ['microphone', 'icon call', ['requested', 'ringing', 'connected']],
    ['camera', 'icon call', ['requested', 'ringing', 'connected']],
    ['fullScreen', 'icon call', ['connected']],
    ['pictureInPicture', 'icon call', ['connected']],
    ['retry', 'primary', ['failed']],
    ['hangUp', 'icon hangup', ['requested', 'ringing', 'connected', 'failed']]
  ];
  var nextId = 0;
  var kRtlLocales = ['ar', 'he', 'fa', 'ur'];

  return function createParleyRenderer(options) {
    var doc = options.document;
    var win = doc.defaultView;
    var viewportListener = null;
    var onIntent = options.onIntent;
    var host, root, frame, launcher, launcherLabel, badge, videoButton, videoButtonLabel;
    var streams = { local: null, remote: null };  // the call's MediaStreams (video_call.js)
    var panel = null; // {kind, el, update(view), focus() -> element, reveal()?}
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
      if (node.textContent !== text) node.textContent = text; // untouched text is not re-announced
    }
    function attr(node, name, value) {
      if (value) node.setAttribute(name, value);
      else node.removeAttribute(name);
    }
    function uid() { return 'parley-' + ++nextId; }

    // The widget's own words in the view's language: the site's override (config "strings", in
    // view.strings), else this language's table (locales/*.json), else the engine's English or
    // French text as the view carries it. {name}-style params are filled in; a table entry with
    // plural forms ({one, other, ...}) is chosen by Intl.PluralRules, numbers by Intl.NumberFormat.
    var words = { locale: 'en', table: null, overrides: {} };
    // A language's table is fetched the first time a view is in it (parley-locale-<language>.json
    // next to parley.js: only the page's language costs bytes), then the view is drawn again;
    // until it comes, or if it never does, the engine's English. The UI tests inline them all.
    var tables = typeof parleyLocales === 'object' ? parleyLocales : {};
    var requested = {};
    function useLanguage(view) {
      var locale = typeof view.locale === 'string' && /^[a-z]{2}$/.test(view.locale) ? view.locale : 'en';
      words = { locale: locale, table: tables[locale] || null,
                overrides: view.strings && typeof view.strings === 'object' ? view.strings : {} };
      if (!words.table && locale !== 'en' && locale !== 'fr' && !requested[locale]) fetchTable(locale);
    }
    function fetchTable(locale) {
      requested[locale] = true;
      var url;
      try { url = new URL('parley-locale-' + locale + '.json', options.assetBase).href; } catch (e) { return; }
      if (typeof fetch !== 'function') return;
      fetch(url).then(function (response) {
        return response.ok ? response.json() : null;
      }).then(function (table) {
        if (!table || typeof table !== 'object' || destroyed) return;
        tables[locale] = table;
        if (lastView && lastView.locale === locale) render(lastView);
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
    var kMediaErrorKeys = { denied: 'videoDenied', no_device: 'videoNoDevice', busy: 'videoBusy', timeout: 'videoTimeout', failed: 'videoFailed' };
    function part(node, names) { node.setAttribute('part', names); return node; }
    function firstShown(list) {
      for (var i = 0; i < list.length; i++) if (!list[i].hidden) return list[i];
      return null;
    }
    function icon(name, parent) {
      var svg = doc.createElementNS('http://www.w3.org/2000/svg', 'svg');
      svg.appendChild(doc.createElementNS(svg.namespaceURI, 'path'));
      svg.setAttribute('viewBox', '0 0 24 24');
      svg.setAttribute('aria-hidden', 'true');
      drawIcon(svg, name);
      parent.appendChild(svg);
    }
    function drawIcon(svg, name) {
      if (svg.iconName === name) return;
      var d = kIcons[name];
      var path = svg.firstChild;
      svg.iconName = name;
      attr(path, 'class', d[0] === 's' && 's');
      path.setAttribute('d', d[0] === 's' ? d.slice(2) : d);
    }
    function button(className, parent, onClick, text) {
      var node = el('button', className, parent, text);
      node.type = 'button';
      if (onClick) node.addEventListener('click', onClick);
      return node;
    }
    // Named by hidden text, not aria-label: page translators see it.
    function iconButton(name, parent, onClick) {
      var node = part(button('icon', parent, onClick), name + '-button');
      icon(name, node);
      node.label = el('span', 'vh', node);
      return node;
    }
    function intent(event) { return function () { onIntent(event); }; }
    // Escape inside a panel: the invitation is declined, the survey and the chat are minimized
    // (nothing typed is lost), the rating is skipped. Escape on the page stays the page's.
    function onEscape(box, event) {
      box.addEventListener('keydown', function (key) {
        if (key.key === 'Escape') onIntent(event);
      });
    }
    // Not aria-modal: the page stays usable around the widget.
    function dialog(className, partName) {
      var box = part(el('section', 'panel ' + className), 'panel ' + partName);
      box.setAttribute('role', 'dialog');
      return box;
    }
    // The site's logo and the agent's picture (theme.logo, theme.agentAvatar), before the titles:
    // decorative (alt ""), the names are text beside them. An <img> only while there is a URL.
    function showImage(head, name, url) {
      url = typeof url === 'string' ? url : '';
      var node = head[name];
      if (!url) {
        if (node) node.remove();
        head[name] = null;
        return;
      }
      if (!node) {
        node = head[name] = part(el('img', name), name);
        node.alt = '';
        head.el.insertBefore(node, name === 'logo' && head.avatar ? head.avatar : head.titles);
      }
      if (node.getAttribute('src') !== url) node.setAttribute('src', url);
    }
    function header(box, onClose) {
      var head = part(el('div', 'head', box), 'header');
      var titles = el('div', 'titles', head);
      var title = part(el('h2', '', titles), 'title');
      title.id = uid();
      box.setAttribute('aria-labelledby', title.id);
      return { el: head, titles: titles, title: title, sub: part(el('p', 'sub', titles), 'subtitle'),
               close: iconButton('close', head, onClose), logo: null, avatar: null };
    }

    function invitationPanel() {
      var box = dialog('card', 'invitation');
      var message = part(el('p', 'message', box), 'invitation-message');
      message.dir = 'auto';  // the site's text keeps its own direction in a widget of another
      var actions = el('div', 'actions', box);
      var accepts = [acceptButton('chat', 'primary'), acceptButton('video', 'secondary')];
      function acceptButton(channel, className) {
        var node = part(button(className, actions, intent({ type: 'accept', channel: channel })), 'accept-' + channel);
        icon(channel, node);
        node.label = el('span', '', node);
        return node;
      }
      var decline = part(button('link', actions, intent({ type: 'decline' })), 'decline');
      var close = iconButton('close', box, intent({ type: 'decline' }));
      message.id = uid();
      box.setAttribute('aria-describedby', message.id);
      onEscape(box, { type: 'decline' });
      return {
        el: box,
        update: function (view) {
          var invitation = view.invitation;
          var labels = invitation.labels || {};
          var channels = invitation.channels || [];
          box.setAttribute('aria-label', say('launcher', (view.launcher || {}).label));
          setText(message, invitation.message);
          setText(accepts[0].label, say('acceptChat', labels.acceptChat));
          setText(accepts[1].label, say('acceptVideo', labels.acceptVideo));
          accepts[0].hidden = channels.indexOf('chat') < 0;
          accepts[1].hidden = channels.indexOf('video') < 0;
          accepts[1].className = accepts[0].hidden ? 'primary' : 'secondary';
          setText(decline, say('decline', labels.decline));
          setText(close.label, say('close', (view.labels || {}).close));
        },
        focus: function () { return firstShown(accepts) || decline; }
      };
    }

    function prechatPanel() {
      var box = dialog('prechat', 'survey');
      var head = header(box, intent({ type: 'closeChat' }));
      var form = el('form', 'body', box);
      onEscape(box, { type: 'minimize' });
      var list = el('div', 'fields', form);
      var submit = part(el('button', 'primary', form), 'submit');
      var fieldsKey;
      var controls = [];
      var submitted = false;
      form.noValidate = true; // the engine validates; browser bubbles would hide its messages
      form.addEventListener('submit', function (event) {
        event.preventDefault();
        submitted = true;
        onIntent({ type: 'prechatSubmit' });
        // The same errors again bring no render: look now too.
        if (panel && panel.el === box) focusError();
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
        var wrap = part(el('div', consent ? 'field check' : 'field', list), 'field');
        var label = el('label');
        var input;
        if (field.type === 'choice') {
          input = el('select');
          el('option', '', input, '\u2014').value = '';
          var options = field.options || [];
          for (var i = 0; i < options.length; i++) el('option', '', input, options[i]).value = options[i];
        } else {
          input = el('input');
          input.type = consent ? 'checkbox' : field.type === 'email' ? 'email' : 'text';
        }
        part(input, 'input');
        input.addEventListener(input.type === 'text' || input.type === 'email' ? 'input' : 'change', function () {
          onIntent({ type: 'prechatChange', id: field.id, value: consent ? input.checked : input.value });
        });
        input.id = label.htmlFor = uid();
        var control = { input: input, text: el('span', '', label), error: el('p', 'error') };
        control.error.id = uid();
        if (field.required) {
          input.setAttribute('aria-required', 'true');
          el('span', 'req', label, '*').setAttribute('aria-hidden', 'true');
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
          var focused = root.activeElement;
          setText(head.title, say('prechatTitle', prechat.title));
          setText(head.close.label, say('close', (view.labels || {}).close));
          setText(submit, say('prechatSubmit', (prechat.labels || {}).submit));
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
            setText(control.text, field.label);
            setText(control.error, field.error);
            control.error.hidden = !field.error;
            attr(input, 'aria-invalid', field.error && 'true');
            attr(input, 'aria-describedby', field.error && control.error.id);
            // Drafts echoed back may lag behind typing: spare the focused field.
            if (input.type === 'checkbox') input.checked = field.value === true;
            else if (input !== focused && typeof field.value === 'string' && input.value !== field.value) input.value = field.value;
          }
          if (submitted) focusError();
        },
        focus: function () { return controls.length ? controls[0].input : submit; }
      };
    }

    // The video call inside the chat pane: the agent's video (once view.video.remote), the
    // visitor's own preview (only while the camera is on), status, error and the call's buttons.
    function callStage(parent) {
      var stage = part(el('div', 'stage', parent), 'call');
      var screens = el('div', 'screens', stage);
      var remote = part(mediaElement('remote', screens, false), 'video-remote');
      var self = part(mediaElement('self', screens, true), 'video-self');
      var status = part(el('p', 'status', stage), 'call-status');
      var error = el('p', 'error', stage);
      var controls = part(el('div', 'controls', stage), 'call-controls');
      var video = null;
      var buttons = {};
      status.setAttribute('role', 'status');
      error.setAttribute('role', 'alert');
      for (var i = 0; i < kCallControls.length; i++) callButton(kCallControls[i]);
      function callButton(spec) {
        var name = spec[0];
        var node = buttons[name] = button(spec[1], controls, function () {
          if (name === 'fullScreen') toggleFullScreen();
          else if (name === 'pictureInPicture') togglePictureInPicture();
          else onIntent(callIntent(name));
        });
        if (spec[1].indexOf('icon') < 0) return;
        part(node, 'call-' + name);
        icon(name, node);
        node.label = el('span', 'vh', node);
      }
      // Full screen is the stage's (both videos and the controls); picture-in-picture the agent's
      // video. Each button exists only where the browser has the API and allows it here.
      var canFullScreen = typeof stage.requestFullscreen === 'function' && doc.fullscreenEnabled === true;
      var canPip = typeof remote.requestPictureInPicture === 'function' && doc.pictureInPictureEnabled === true;
      function fullScreenNow() { return root.fullscreenElement === stage; }
      function toggleFullScreen() {
        var done = fullScreenNow() ? doc.exitFullscreen() : stage.requestFullscreen();
        if (done && done.catch) done.catch(function () { /* refused: nothing changes */ });
      }
      function togglePictureInPicture() {
        var done = doc.pictureInPictureElement ? doc.exitPictureInPicture() : remote.requestPictureInPicture();
        if (done && done.catch) done.catch(function () { /* refused: nothing changes */ });
      }
      function labelViewButtons() {
        var labels = (lastView && lastView.chat && lastView.chat.labels) || {};
        var full = fullScreenNow();
        drawIcon(buttons.fullScreen.firstChild, full ? 'exitFullScreen' : 'fullScreen');
        setText(buttons.fullScreen.label, full ? say('videoExitFullScreen', labels.exitFullScreen) : say('videoFullScreen', labels.fullScreen));
        setText(buttons.pictureInPicture.label, say('videoPictureInPicture', labels.pictureInPicture));
      }
      stage.addEventListener('fullscreenchange', labelViewButtons);
      function mediaElement(className, parent, muted) {
        var node = el('video', className, parent);
        node.autoplay = node.playsInline = true;
        node.muted = muted;  // the visitor's own microphone never plays back
        node.setAttribute('aria-hidden', 'true');
        return node;
      }
      function callIntent(name) {
        switch (name) {
          case 'accept': return { type: 'videoAccept' };
          case 'decline': return { type: 'videoDecline' };
          case 'retry': return { type: 'videoRetry' };
          case 'hangUp': return { type: 'hangUp' };
          case 'camera': return { type: 'camera', on: video.camera !== 'on' };
          default: return { type: 'microphone', on: video.microphone === 'muted' };
        }
      }
      function play(node, stream, shown) {
        if (!shown) stream = null;
        if (node.srcObject !== stream) {
          node.srcObject = stream;
          if (stream) node.play().catch(function () { /* autoplay refused: the controls still work */ });
        }
        node.hidden = !stream;
      }
      function showStreams() {
        if (!video) return;
        play(remote, streams.remote, video.remote === true);
        play(self, streams.local, video.camera === 'on');
        screens.hidden = remote.hidden && self.hidden;
        // Picture-in-picture needs the agent's video playing.
        buttons.pictureInPicture.hidden = !canPip || remote.hidden || video.state !== 'connected';
      }
      return {
        update: function (view) {
          var focused = root.activeElement;
          video = view;
          stage.hidden = !video;
          if (!video) {
            if (fullScreenNow()) doc.exitFullscreen().catch(function () { /* already out */ });
            play(remote, null, false);
            play(self, null, false);
            return;
          }
          var labels = video.labels || {};
          setText(status, say(video.statusKey, video.status));
          setText(error, video.error && say(kMediaErrorKeys[video.error.reason], video.error.message));
          status.hidden = !status.textContent;
          error.hidden = !error.textContent;
          for (var i = 0; i < kCallControls.length; i++)
            buttons[kCallControls[i][0]].hidden = kCallControls[i][2].indexOf(video.state) < 0;
          buttons.camera.hidden = buttons.camera.hidden || !video.cameraToggle;
          buttons.fullScreen.hidden = buttons.fullScreen.hidden || !canFullScreen;
          setText(buttons.accept, say('videoAccept', labels.accept));
          setText(buttons.decline, say('videoDecline', labels.decline));
          setText(buttons.retry, say('videoRetry', labels.retry));
          setText(buttons.hangUp.label, say('videoHangUp', labels.hangUp));
          var muted = video.microphone === 'muted';
          setText(buttons.microphone.label, muted ? say('videoUnmute', labels.unmute) : say('videoMute', labels.mute));
          drawIcon(buttons.microphone.firstChild, muted ? 'microphoneOff' : 'microphone');
          var cameraOn = video.camera === 'on';
          setText(buttons.camera.label, cameraOn ? say('videoCameraOff', labels.cameraOff) : say('videoCameraOn', labels.cameraOn));
          // The icon shows the camera's state; the name says what pressing does.
          drawIcon(buttons.camera.firstChild, cameraOn ? 'camera' : 'cameraOff');
          labelViewButtons();
          showStreams();
          // A pressed button that goes away (accept, retry) hands the focus to the call's next one.
          if (focused && focused.hidden && controls.contains(focused)) {
            var next = firstShown(controls.children);
            if (next) next.focus();
          }
        },
        streams: showStreams
      };
    }

    function chatPanel() {
      var box = dialog('chat', 'chat');
      var head = header(box, intent({ type: 'closeChat' }));
      var stage = callStage(box);
      onEscape(box, { type: 'minimize' });
      var end = part(button('end', null, intent({ type: 'endChat' })), 'end-button');
      var minimize = iconButton('minimize', null, intent({ type: 'minimize' }));
      // "Reconnecting…": a live region present from the start (one that appears is not announced).
      var connection = el('p', 'conn', box);
      connection.setAttribute('role', 'status');
      var log = part(el('div', 'log', box), 'log');
      // "Alex is typing…": outside the log (not a message), a status present from the start.
      var typing = part(el('p', 'typing', box), 'typing');
      typing.setAttribute('role', 'status');
      var form = part(el('form', 'composer', box), 'composer');
      var label = el('label', 'vh', form);
      var input = part(el('textarea', '', form), 'composer-input');
      var send = part(el('button', 'send', form), 'send-button');
      var shown = []; // message ids
      var lastAuthor = null; // the agent group the log ends with: "name\navatar", or null
      var receipt = null;    // {bubble, node}: "Delivered" / "Read" under the visitor's last message
      var clock = createParleyChatClock(win);
      var closed = false;    // the pane is going away: its focus leaves, the visitor did not
      var canSend = true;
      var typed = []; // drafts typed here that the conversation has not caught up with yet
      head.el.insertBefore(end, head.close);
      head.el.insertBefore(minimize, head.close);
      // Polite by default, said again for older screen readers; focusable to scroll by keyboard.
      log.setAttribute('role', 'log');
      log.setAttribute('aria-live', 'polite');
      log.tabIndex = 0;
      input.id = label.htmlFor = uid();
      input.rows = 1;
      icon('send', send);
      send.label = el('span', 'vh', send);
      function submit(event) {
        var text = input.value.trim();
        if (event) event.preventDefault();
        if (!canSend || !text) return;
        onIntent({ type: 'sendMessage', text: text });
        input.value = '';
      }
      form.addEventListener('submit', submit);
      // The draft is kept with the conversation (a reload, the site's other tabs): options.onDraft.
      input.addEventListener('input', function () {
        typed[typed.length] = input.value;
        if (typed.length > 50) typed.shift();
        if (options.onDraft) options.onDraft(input.value);
      });
      // Leaving the composer with text in it ends "typing" for the agent (the engine says "off"
      // once, if it said "on"); an empty composer already said so, and a pane going away says nothing.
      input.addEventListener('blur', function () {
        if (!closed && input.value.trim()) onIntent({ type: 'composerBlur' });
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
            part(el('div', 'msg system', log, say(message.key, message.text, message.params)), 'message message-system').dir = 'auto';
            lastAuthor = null;
          } else {
            if (from === 'agent') authorLine(message);
            else lastAuthor = null;
            var bubble = part(el('div', 'msg ' + from, log), 'message message-' + from);
            part(el('p', 'text', bubble, message.text), 'message-text').dir = 'auto';
            var meta = el('p', 'meta', bubble);
            if (typeof message.at === 'number' && isFinite(message.at)) clock.add(part(el('time', 'at', meta), 'message-time'), message.at);
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
        var line = part(el('div', 'who', log), 'message-author');
        if (avatar) {
          var face = part(el('img', 'face', line), 'message-avatar');
          face.alt = '';  // decorative: the name is beside it
          face.setAttribute('src', avatar);
        }
        if (name) el('span', '', line, name).dir = 'auto';
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
        if (!receipt) receipt = { bubble: bubble, node: part(el('span', 'receipt', bubble.meta), 'message-receipt') };
        setText(receipt.node, say(wanted.key, wanted.text));
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
          setText(head.title, say(chat.titleKey, chat.title));
          // Waiting: the status and the site's reply time; then who answers.
          var reply = chat.replyTime || '';
          var status = say(chat.statusKey, chat.status);
          setText(head.sub, status ? status + (reply ? ' \u00b7 ' + reply : '') : chat.agentName || reply);
          showImage(head, 'logo', chat.logo);
          showImage(head, 'avatar', chat.avatar);
          setText(head.close.label, say('close', (view.labels || {}).close));
          setText(minimize.label, say('minimize', (view.labels || {}).minimize));
          setText(end, say('endChat', labels.end));
          setText(label, say('composer', labels.composer));
          setText(send.label, say('send', labels.send));
          input.placeholder = say('composer', labels.composer);
          setText(connection, chat.connection && say('reconnecting', chat.connection.status));
          clock.relabel(words.locale);
          append(chat.messages || []);
          showReceipt(chat);
          var typingView = chat.typing && typeof chat.typing === 'object' ? chat.typing : null;
          setText(typing, typingView && say(typingView.key, typingView.text, typingView.params));
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
    }

    function postchatPanel() {
      var box = dialog('card rating', 'rating');
      var form = el('form', 'actions', box);
      var group = el('fieldset', '', form);
      var legend = el('legend', '', group);
      var stars = part(el('div', 'stars', group), 'stars');
      var submit = part(el('button', 'primary', form), 'submit');
      var skip = part(button('link', form, intent({ type: 'rate', score: null })), 'skip');
      onEscape(box, { type: 'rate', score: null });
      var name = uid();
      var score = 0;
      submit.disabled = true;
      stars.addEventListener('change', function (event) {
        score = Number(event.target.value);
        for (var i = 0; i < stars.children.length; i++) stars.children[i].classList.toggle('on', i < score);
        submit.disabled = false;
      });
      form.addEventListener('submit', function (event) {
        event.preventDefault();
        if (score) onIntent({ type: 'rate', score: score });
      });
      return {
        el: box,
        update: function (view) {
          var postchat = view.postchat;
          var question = say('ratingQuestion', postchat.question);
          box.setAttribute('aria-label', question);
          setText(legend, question);
          setText(submit, say('ratingSubmit', (postchat.labels || {}).submit));
          setText(skip, say('ratingSkip', (postchat.labels || {}).skip));
          if (stars.firstChild) return;
          for (var n = 1; n <= Math.min(10, postchat.scale | 0 || 5); n++) {
            // Native radios: arrow keys, and readers say "3, radio button, 3 of 5".
            var radio = el('input', '', el('label', '', stars));
            radio.type = 'radio';
            radio.name = name;
            radio.value = n;
            radio.setAttribute('aria-label', n);
            el('span', 'star', radio.parentNode, '\u2605').setAttribute('aria-hidden', 'true');
          }
        },
        focus: function () { return stars.querySelector('input'); }
      };
    }

    var kPanels = { invitation: invitationPanel, prechat: prechatPanel, chat: chatPanel, postchat: postchatPanel };

    function attach() {
      if (destroyed || host.isConnected) return;
      if (doc.body) doc.body.appendChild(host);
      else if (!waitingForBody) { // rendered from <head>
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
        root = host.attachShadow({ mode: 'open' });
        frame = el('div', 'root', root);
        launcher = part(button('launcher', frame, function () {
          onIntent({ type: lastView && lastView.minimized ? 'maximize' : 'startChat' });
        }), 'launcher');
        icon('chat', launcher);
        launcherLabel = el('span', 'vh', launcher);
        badge = part(el('span', 'badge', launcher), 'badge');
        badge.setAttribute('aria-hidden', 'true');  // the number alone: the label says it in words
        // The fixed video button (config launcher.video): only while a video agent is free.
        videoButton = part(button('video-button', null, function () { onIntent({ type: 'startChat', channel: 'video' }); }), 'video-button');
        icon('video', videoButton);
        videoButtonLabel = el('span', '', videoButton);
        frame.insertBefore(videoButton, launcher);
      }
      attach(); // each time: a single-page app may replace <body>
    }

    function applyTheme(theme) {
      var color = parleyStyles.color(options.colorOverride) || theme.color;
      var font = parleyStyles.font(options.fontOverride) || theme.font;
      var offset = theme.offset || {};
      var key = color + '\n' + font + '\n' + offset.x + '\n' + offset.y;
      if (key === themeKey) return;
      themeKey = key;
      root.adoptedStyleSheets = [parleyStyles.build({ color: color, font: font, offset: offset })];
    }

    // The widget's direction is its language's; the side it sits on is theme.position, or the
    // end side of that direction. The host's own dir puts it there (inset-inline-end), .root's
    // dir lays the panels out, and data-side keeps the launcher against the host's edge.
    function applyPlacement(view) {
      var theme = view.theme || {};
      var dir = kRtlLocales.indexOf(String(view.locale).split('-')[0]) >= 0 ? 'rtl' : 'ltr';
      var side = theme.position === 'left' || theme.position === 'right' ? theme.position : dir === 'rtl' ? 'left' : 'right';
      var mode = theme.mode === 'dark' || theme.mode === 'auto' ? theme.mode : 'light';
      host.setAttribute('lang', view.locale || 'en');
      host.setAttribute('dir', side === 'right' ? 'ltr' : 'rtl');
      host.setAttribute('data-mode', mode);
      frame.setAttribute('dir', dir);
      frame.setAttribute('data-side', (side === 'right') === (dir === 'ltr') ? 'end' : 'start');
    }

    function render(view) {
      // Without constructable stylesheets (Safari < 16.4) no widget beats an unstyled one.
      if (destroyed || !view || !('adoptedStyleSheets' in doc)) return;
      ensureHost();
      var hadFocus = !!root.activeElement;
      var active = doc.activeElement;
      var pageIdle = !active || active === doc.body;
      var kind = view.invitation ? 'invitation' : view.prechat ? 'prechat' : view.chat ? 'chat' : view.postchat ? 'postchat' : '';
      var before = panel && !panel.el.hidden && panel.kind; // the panel on screen until now
      lastView = view;
      applyTheme(view.theme || {});
      applyPlacement(view);
      useLanguage(view);

      if (!panel || panel.kind !== kind) {
        if (panel) {
          if (panel.close) panel.close();  // its timers stop with it, before its focus goes
          panel.el.remove();
        }
        panel = kind ? kPanels[kind]() : null;
        if (panel) {
          panel.kind = kind;
          frame.insertBefore(panel.el, videoButton);
        }
      }
      var shown = panel && !view.minimized;
      if (panel) {
        panel.update(view);
        panel.el.hidden = !shown;
      }

      var launcherView = view.launcher || {};
      var unread = launcherView.unread > 0 ? launcherView.unread : 0;
      // data-hide-chat-button hides the entry point, not the way back to a minimized chat.
      launcher.hidden = !launcherView.visible || (options.hideLauncher && !view.minimized);
      setText(launcherLabel, say('launcher', launcherView.label) +
        (unread ? ', ' + say('unread', launcherView.unreadLabel || String(unread), { count: unread }) : ''));
      setText(badge, unread || '');
      badge.hidden = !unread;
      videoButton.hidden = !view.videoButton;
      setText(videoButtonLabel, view.videoButton && say('videoButton', view.videoButton.label));

      // Phones: the survey, the chat and the rating take the screen (CSS, below 640 px), above the
      // on-screen keyboard (the visual viewport's height).
      var full = shown && kind !== 'invitation';
      if (full !== !!host.getAttribute('data-full')) {
        attr(host, 'data-full', full && 'true');
        followViewport(full);
      }

      // Focus into a panel that opens (an invitation only if the visitor is not busy on the page);
      // back to the launcher when its panel goes away. Not on touch screens: a focused field
      // brings up the keyboard over the panel before the visitor chose to type.
      if (shown && before !== kind) {
        if (panel.reveal) panel.reveal();
        if (!touchScreen() && (kind !== 'invitation' || hadFocus || pageIdle)) panel.focus().focus();
      } else if (hadFocus && (!shown || !root.activeElement)) {
        (shown ? panel.focus() : launcher).focus();
      }
    }

    // The call's streams changed (a track came or went): only the <video> elements follow.
    function media(next) {
      streams = next;
      if (panel && panel.streams) panel.streams();
    }

    function touchScreen() {
      try { return !!(win && win.matchMedia && win.matchMedia('(hover: none) and (pointer: coarse)').matches); } catch (e) { return false; }
    }

    // While full screen: the visual viewport's height and offset (the on-screen keyboard shrinks
    // it, iOS scrolls it) as custom properties on the host, read by widget.css. Set through the
    // CSSOM, which a CSP without 'unsafe-inline' allows.
    function followViewport(on) {
      var viewport = win && win.visualViewport;
      if (!viewport) return;
      if (on && !viewportListener) {
        viewportListener = function () {
          if (!host) return;
          host.style.setProperty('--parley-viewport-height', viewport.height + 'px');
          host.style.setProperty('--parley-viewport-top', viewport.offsetTop + 'px');
        };
        viewport.addEventListener('resize', viewportListener);
        viewport.addEventListener('scroll', viewportListener);
        viewportListener();
      } else if (!on && viewportListener) {
        viewport.removeEventListener('resize', viewportListener);
        viewport.removeEventListener('scroll', viewportListener);
        viewportListener = null;
        if (host) host.removeAttribute('style');
      }
    }

    function destroy() {
      followViewport(false);
      destroyed = true;
      if (waitingForBody) doc.removeEventListener('DOMContentLoaded', onBody);
      if (panel && panel.close) panel.close();
      if (host) host.remove();
      host = root = panel = lastView = null;
    }

    return { render: render, media: media, destroy: destroy };
  };
})();
