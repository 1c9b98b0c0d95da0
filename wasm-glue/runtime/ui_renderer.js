// The visitor UI: draws the engine's view model (PROTOCOL.md) in an open shadow root; intents go
// back as engine events. A panel keeps its DOM while it stays, so focus, caret and typing survive
// re-renders. Every string is untrusted: textContent and setAttribute only, never HTML.
// Open, not closed: a closed root protects nothing from the host page (a script that runs first
// can patch attachShadow) but hides the widget from every QA and accessibility tool. The main
// elements carry `part` names (README, "Restyling and testing the widget"), a site's styling hook.
// Hot paths (render, update) use no Array.prototype method a page may have replaced (builtins.js):
// plain loops and index writes.
//
// The launcher and the invitation are parley.js's (ui_entry_panels.js); the survey, the chat pane,
// the call and the rating come with parley-chat.js, asked for through options.chat
// ({need(again), onReady(callback(part))}, chat_part_loader.js) as soon as a visitor may want them:
// an invitation on screen, a hand on the launcher, or a survey or conversation to show. Until the
// part is here those show a stand-in (entry panels' waiting()).
var createParleyRenderer = (function () {
  var kRtlLocales = ['ar', 'he', 'fa', 'ur'];

  return function createParleyRenderer(options) {
    var doc = options.document;
    var win = doc.defaultView;
    var viewportListener = null;
    var onIntent = options.onIntent;
    var host, root, frame, launcher, launcherLabel, badge, videoButton, videoButtonLabel;
    var streams = { local: null, remote: null };  // the call's MediaStreams (video_call.js)
    var panel = null; // {kind, el, update(view), focus() -> element, reveal()?, close()?, streams()?}
    var lastView = null;
    var themeKey = '';
    var waitingForBody = false;
    var destroyed = false;
    var words = createParleyWords(options.assetBase, function (locale) {
      if (lastView && lastView.locale === locale) render(lastView);
    });
    var say = words.say;
    var kit = createParleyKit({ document: doc, onIntent: onIntent, say: say, locale: words.locale, onDraft: options.onDraft });
    kit.panel = function () { return panel; };
    kit.lastView = function () { return lastView; };
    kit.streams = function () { return streams; };
    var el = kit.el, setText = kit.setText, attr = kit.attr, part = kit.part, button = kit.button, icon = kit.icon;
    var entry = createParleyEntryPanels(kit);
    // parley-chat.js's part, once it is here: {css, prechat(kit), chat(kit), postchat(kit),
    // createVideoCall}.
    var chat = options.chat || null;
    var chatPart = null;
    if (chat) chat.onReady(function (part) {
      if (destroyed || chatPart) return;
      chatPart = part;
      if (lastView) render(lastView);  // its rules join the sheet, a stand-in becomes the pane
    });
    function wantChat(again) {
      if (chat && !chatPart) chat.need(again);
    }

    // The panel a view asks for: its kind, and what makes it (the stand-in while parley-chat.js
    // has not come).
    function panelFor(view) {
      if (view.invitation) return ['invitation', entry.invitation];
      var kind = view.prechat ? 'prechat' : view.chat ? 'chat' : view.postchat ? 'postchat' : '';
      if (!kind) return ['', null];
      if (!chatPart) return ['waiting', entry.waiting];
      return [kind, function () { return chatPart[kind](kit); }];
    }

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
      build();
      attach(); // each time: a single-page app may replace <body>
    }

    // The shadow tree's fixed parts, made once and attached by the first render.
    function build() {
      if (!host) {
        host = doc.createElement('div');
        host.setAttribute('data-parley-widget', '');
        root = kit.root = host.attachShadow({ mode: 'open' });
        frame = el('div', 'root', root);
        launcher = part(button('launcher', frame, function () {
          onIntent({ type: lastView && lastView.minimized ? 'maximize' : 'startChat' });
        }), 'launcher');
        icon('chat', launcher);
        // A hand on the launcher (a pointer over it, a touch, the keyboard's focus): the chat is
        // likely next, parley-chat.js is fetched now, a few hundred ms before the click.
        launcher.addEventListener('pointerenter', function () { wantChat(); });
        launcher.addEventListener('touchstart', function () { wantChat(); }, { passive: true });
        launcher.addEventListener('focus', function () { wantChat(); });
        launcherLabel = el('span', 'vh', launcher);
        badge = part(el('span', 'badge', launcher), 'badge');
        badge.setAttribute('aria-hidden', 'true');  // the number alone: the label says it in words
        // The fixed video button (config launcher.video): only while a video agent is free.
        videoButton = part(button('video-button', null, function () { onIntent({ type: 'startChat', channel: 'video' }); }), 'video-button');
        icon('video', videoButton);
        videoButtonLabel = el('span', '', videoButton);
        frame.insertBefore(videoButton, launcher);
      }
    }

    // One stylesheet: parley.js's rules, then the chat's (parley-chat.js) once they have come.
    function applyTheme(theme) {
      var color = parleyStyles.color(options.colorOverride) || theme.color;
      var font = parleyStyles.font(options.fontOverride) || theme.font;
      var offset = theme.offset || {};
      var key = color + '\n' + font + '\n' + offset.x + '\n' + offset.y + '\n' + !!chatPart;
      if (key === themeKey) return;
      themeKey = key;
      root.adoptedStyleSheets = [parleyStyles.build({ color: color, font: font, offset: offset }, chatPart && chatPart.css)];
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
      var wanted = panelFor(view);
      var kind = wanted[0];
      var before = panel && !panel.el.hidden && panel.kind; // the panel on screen until now
      lastView = view;
      applyTheme(view.theme || {});
      applyPlacement(view);
      words.use(view);
      // The chat is near (an invitation) or here (the survey, a conversation, one restored by a
      // reload included): parley-chat.js is fetched. After a failure, again only when the visitor
      // opens the stand-in anew.
      if (kind === 'invitation') wantChat(false);
      else if (kind === 'waiting') wantChat(!view.minimized && before !== kind);

      if (!panel || panel.kind !== kind) {
        if (panel) {
          if (panel.close) panel.close();  // its timers stop with it, before its focus goes
          panel.el.remove();
        }
        panel = kind ? wanted[1]() : null;
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
      words.stop();
      if (host) host.remove();
      host = root = kit.root = panel = lastView = null;
    }

    // Ahead of the first render, in a task of its own (loader.js): the shadow tree and the
    // stylesheet for the config's theme are made, not shown. Parsing the stylesheet and making
    // the launcher were ~20 ms of the start's task at 4x CPU throttle; the render then finds both
    // (a view whose theme differs only builds its sheet then).
    function prepare(theme) {
      if (destroyed || host || !('adoptedStyleSheets' in doc)) return;
      build();
      applyTheme(parleyIsObject(theme) ? theme : {});
    }

    return { prepare: prepare, render: render, media: media, destroy: destroy };
  };
})();
