/*! Parley country: the host's geo provider and reverse geocoder, loaded by parley.js when a page sets one. */
(function () {
  'use strict';
  // parley.js's built-ins (builtins.js) and its parleyResolve (a hook's answer, with a timeout),
  // left on the script tag that loads this file (part_loader.js): whatever the page did to
  // window's JSON or Promise since Parley started does not reach the country.
  var parleyTag = document.currentScript;
  var given = (parleyTag && parleyTag.parleyBuiltins) || {};
  var JSON = given.JSON || window.JSON;
  var Promise = given.Promise || (async function () {})().constructor;
  var parleyIsObject = given.isObject;
  var parleyResolve = given.resolve;
