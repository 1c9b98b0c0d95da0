// The rating after a conversation (parley-chat.js: only a conversation leads to it): native
// radios for the stars, submit and skip.
//
//   createParleyRating(kit) -> {el, update(view), focus()}
function createParleyRating(k) {
  var box = k.dialog('card rating', 'rating');
  var form = k.el('form', 'actions', box);
  var group = k.el('fieldset', '', form);
  var legend = k.el('legend', '', group);
  var stars = k.part(k.el('div', 'stars', group), 'stars');
  var submit = k.part(k.el('button', 'primary', form), 'submit');
  var skip = k.part(k.button('link', form, k.intent({ type: 'rate', score: null })), 'skip');
  k.onEscape(box, { type: 'rate', score: null });
  var name = k.uid();
  var score = 0;
  submit.disabled = true;
  stars.addEventListener('change', function (event) {
    score = Number(event.target.value);
    for (var i = 0; i < stars.children.length; i++) stars.children[i].classList.toggle('on', i < score);
    submit.disabled = false;
  });
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    if (score) k.onIntent({ type: 'rate', score: score });
  });
  return {
    el: box,
    update: function (view) {
      var postchat = view.postchat;
      var question = k.say('ratingQuestion', postchat.question);
      box.setAttribute('aria-label', question);
      k.setText(legend, question);
      k.setText(submit, k.say('ratingSubmit', (postchat.labels || {}).submit));
      k.setText(skip, k.say('ratingSkip', (postchat.labels || {}).skip));
      if (stars.firstChild) return;
      for (var n = 1; n <= Math.min(10, postchat.scale | 0 || 5); n++) {
        // Native radios: arrow keys, and readers say "3, radio button, 3 of 5".
        var radio = k.el('input', '', k.el('label', '', stars));
        radio.type = 'radio';
        radio.name = name;
        radio.value = n;
        radio.setAttribute('aria-label', n);
        k.el('span', 'star', radio.parentNode, '\u2605').setAttribute('aria-hidden', 'true');
      }
    },
    focus: function () { return stars.querySelector('input'); }
  };
}
