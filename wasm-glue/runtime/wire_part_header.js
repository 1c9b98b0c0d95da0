/*! Parley connection: the site's tabs, the reliability layer and the wires, loaded by parley.js as it starts. */
(function () {
  'use strict';
  // parley.js's built-ins (builtins.js), left on the script tag that loads this file
  // (part_loader.js): whatever the page did to window's JSON, timers, WebSocket, BroadcastChannel,
  // Array.isArray, Promise or Web Locks since Parley started does not reach the connection.
  var parleyTag = document.currentScript;
  var given = (parleyTag && parleyTag.parleyBuiltins) || {};
  var JSON = given.JSON || window.JSON;
  var setTimeout = given.setTimeout || window.setTimeout;
  var clearTimeout = given.clearTimeout || window.clearTimeout;
  var WebSocket = given.WebSocket;
  var BroadcastChannel = given.BroadcastChannel;
  var parleyIsArray = given.isArray || Array.isArray;
  var parleyIsObject = given.isObject;
  var Promise = given.Promise || (async function () {})().constructor;
  var parleyLocks = given.locks;
