// The visitor UI's building blocks, shared by the panels of parley.js (ui_entry_panels.js) and
// those of parley-chat.js (the survey, the chat pane, the call, the rating): elements, text,
// icons, buttons, dialogs and headers. Text only: textContent and setAttribute, never HTML. The renderer makes
// one kit and fills in what changes as it draws (root, the panel on screen, the last view).
//
//   createParleyKit({document, onIntent, say, locale(), onDraft}) -> kit (below)
var createParleyKit = (function () {
  // The icons parley.js draws ('s ': stroked); parley-chat.js adds the chat's and the call's.
  var kIcons = {
    chat: 'M12 3C6.5 3 2 6.6 2 11c0 2.4 1.3 4.6 3.4 6L4.5 21l4.4-2.4c1 .3 2 .4 3.1.4 5.5 0 10-3.6 10-8s-4.5-8-10-8z',
    video: 'M3 6h12v12H3zm13 4 5-3v10l-5-3z',
    close: 's M6 6l12 12M18 6 6 18',
    minimize: 's M6 12h12'
  };
  var nextId = 0;

  return function createParleyKit(options) {
    var doc = options.document;
    var onIntent = options.onIntent;
    var kit = {
      doc: doc,
      win: doc.defaultView,
      root: null,                                   // the shadow root, once drawn
      panel: function () { return null; },          // the panel on screen (the renderer's)
      lastView: function () { return null; },
      streams: function () { return { local: null, remote: null }; },  // the call's MediaStreams
      say: options.say,
      locale: options.locale,
      onIntent: onIntent,
      onDraft: options.onDraft,
      icons: kIcons,
      el: el, setText: setText, attr: attr, uid: uid, part: part, firstShown: firstShown,
      icon: icon, drawIcon: drawIcon, button: button, iconButton: iconButton, intent: intent,
      onEscape: onEscape, dialog: dialog, header: header, showImage: showImage
    };

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

    return kit;
  };
})();
