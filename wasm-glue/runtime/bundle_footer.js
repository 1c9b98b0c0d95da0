
  parleyBoot();
})();
