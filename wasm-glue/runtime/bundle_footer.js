
  // Whatever a hostile page makes fail while Parley boots is reported, never thrown into the page.
  try {
    parleyBoot();
  } catch (error) {
    parleyError(ParleyErrorCode.engineLoad, 'Parley could not start on this page: ' + parleyReason(error));
  }
})();
