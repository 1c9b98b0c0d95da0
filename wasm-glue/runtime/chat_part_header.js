/*! Parley chat pane and video call: loaded by parley.js when a conversation may start. */
(function () {
  'use strict';
  // parley.js's Promise (builtins.js) and its parleyReason, left on the script tag that loads
  // this file (part_loader.js): whatever the page did to window.Promise since.
  var parleyTag = document.currentScript;
  var given = (parleyTag && parleyTag.parleyBuiltins) || {};
  var Promise = given.Promise || (async function () {})().constructor;
  var parleyReason = given.parleyReason || String;
