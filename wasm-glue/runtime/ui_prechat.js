// The pre-chat survey, in parley-chat.js since issue 11 (README, "What loads when"): it shows only
// after the visitor accepted an invitation or opened the chat, and parley-chat.js is asked for
// before that (an invitation on screen, a hand on the launcher). Until it has come the renderer
// shows the entry panels' stand-in with the survey's title.
//
//   createParleyPrechat(kit) -> {el, update(view), focus() -> element}
function createParleyPrechat(k) {
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
