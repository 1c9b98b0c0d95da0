// A page script as Microsoft's Omnichannel documentation writes it (seed scenario 1): the global
// `Microsoft` facade, no import, a context provider and a host invitation in an lcw:ready handler.
// It only needs parley.d.ts in the compilation (tsconfig "files" or a triple-slash reference).
/// <reference path="../../wasm-glue/parley.d.ts" />

window.addEventListener('lcw:ready', function handleLivechatReadyEvent() {
  setTimeout(function () {
    Microsoft.Omnichannel.LiveChatWidget.SDK.setContextProvider(function contextProvider() {
      return {
        'Proactive Chat': { 'value': 'True', 'isDisplayable': true },
        'Time On Page': { 'value': '30', 'isDisplayable': true },
        'Page URL': { 'value': window.location.href, 'isDisplayable': true },
      };
    });
    Microsoft.Omnichannel.LiveChatWidget.SDK.startProactiveChat(
      { message: 'Hi! Just checking in to see if I can help answer any questions you may have.' }, false);
  }, 30000);
});
