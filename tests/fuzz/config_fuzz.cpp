// The site owner's config through parley_configure, then a short page view under it, so that
// every rule the reader kept is also evaluated (conditions, globs, date windows, zones).
// Input: the config's JSON text.
#include "abi_page.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  parley::fuzz::AbiPage page(parley::fuzz::as_text(data, size));
  page.handle(R"({"type":"pageLoad","url":"https://www.contoso.com/kb/a.pdf?x=1","referrer":"https://www.contoso.com/FAQ",)"
              R"("timeZone":"Europe/Paris","language":"fr","zoneOffsets":{"Europe/Paris":60,"America/New_York":-300}})");
  page.wait(16000);
  page.handle(R"({"type":"scroll","depth":80})");
  page.handle(R"({"type":"pointerLeave","top":true})");
  page.handle(R"({"type":"availability","chat":true,"video":true})");
  page.wait(60000);
  page.render();
  page.inspect();
  return 0;
}
