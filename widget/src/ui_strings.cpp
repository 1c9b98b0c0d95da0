#include "parley/ui_strings.hpp"

#include <algorithm>

namespace parley {
namespace {

struct Pair {
  std::string_view en;
  std::string_view fr;
};

// In UiString order, in two tables: the start's texts, and the others, which only the views of
// the survey, the conversation and the call read. Those views are in parley.deferred.wasm, and
// so is the second table, read out of line (later_text): wasm-glue/split_data.mjs moves the data
// only the deferred part reads.
constexpr Pair kStartTexts[] = {
    {"Chat with us", "Discuter avec nous"},
    {"Start chat", "Discuter"},
    {"Video call", "Appel vidéo"},
    {"No thanks", "Non merci"},
    {"Close", "Fermer"},
    {"Minimize", "Réduire"},
    {"unread message", "message non lu"},
    {"unread messages", "messages non lus"},
    {"Video call", "Appel vidéo"},
};
constexpr auto kStartCount = static_cast<std::size_t>(UiString::start_count_);
static_assert(std::size(kStartTexts) == kStartCount);

constexpr Pair kLaterTexts[] = {
    {"Before we start", "Avant de commencer"},
    {"Start chat", "Commencer la discussion"},
    {"Chat", "Discussion"},
    {"Waiting for an agent…", "En attente d’un conseiller…"},
    {"All our agents are busy: you are in the queue.", "Tous nos conseillers sont occupés : vous êtes dans la file d’attente."},
    {"An agent joined the conversation.", "Un conseiller a rejoint la conversation."},
    {"The agent ended the conversation.", "Le conseiller a mis fin à la conversation."},
    {"Your message", "Votre message"},
    {"Send", "Envoyer"},
    {"End chat", "Terminer"},
    {"How was your conversation?", "Comment s’est passée votre conversation ?"},
    {"Send rating", "Envoyer la note"},
    {"Skip", "Passer"},
    {"The agent invites you to a video call.", "Le conseiller vous invite à un appel vidéo."},
    {"Join the video call", "Rejoindre l’appel vidéo"},
    {"Stay in the chat", "Rester dans la discussion"},
    {"Allow your browser to use your microphone (and camera) to join.",
     "Autorisez votre navigateur à utiliser votre micro (et votre caméra) pour rejoindre l’appel."},
    {"Waiting for the agent to join the call…", "En attente du conseiller dans l’appel…"},
    {"Connecting…", "Connexion…"},
    {"You are in a video call.", "Vous êtes en appel vidéo."},
    {"The video call ended. The chat goes on.", "L’appel vidéo est terminé. La discussion continue."},
    {"The agent withdrew the video invitation.", "Le conseiller a retiré l’invitation vidéo."},
    {"Hang up", "Raccrocher"},
    {"Turn camera on", "Activer la caméra"},
    {"Turn camera off", "Désactiver la caméra"},
    {"Mute", "Couper le micro"},
    {"Unmute", "Activer le micro"},
    {"Try again", "Réessayer"},
    {"Your browser blocked the camera or microphone. Allow it in the site settings, then try again.",
     "Votre navigateur a bloqué la caméra ou le micro. Autorisez-les dans les réglages du site, puis réessayez."},
    {"No camera or microphone was found on this device.", "Aucune caméra ni aucun micro n’a été trouvé sur cet appareil."},
    {"Your camera or microphone is used by another application. Close it, then try again.",
     "Votre caméra ou votre micro est utilisé par une autre application. Fermez-la, puis réessayez."},
    {"The browser asked for your camera or microphone and got no answer.",
     "Le navigateur a demandé l’accès à votre caméra ou à votre micro, sans réponse."},
    {"The camera or microphone could not be started.", "La caméra ou le micro n’a pas pu démarrer."},
    {"The video connection was lost.", "La connexion vidéo a été perdue."},
    {"No video agent is free right now: your conversation goes on by chat.",
     "Aucun conseiller vidéo n’est disponible pour le moment : votre conversation continue par écrit."},
    {" joined the conversation.", " a rejoint la conversation."},
    {"Reconnecting…", "Reconnexion…"},
    {" is typing…", " est en train d’écrire…"},
    {"The agent is typing…", "Le conseiller est en train d’écrire…"},
    {"Delivered", "Distribué"},
    {"Read", "Lu"},
    {"Full screen", "Plein écran"},
    {"Exit full screen", "Quitter le plein écran"},
    {"Picture in picture", "Image dans l’image"},
};
static_assert(kStartCount + std::size(kLaterTexts) == static_cast<std::size_t>(UiString::count_));

// In UiString order: the keys of wasm-glue/runtime/locales/*.json.
constexpr std::string_view kKeys[] = {
    "launcher", "acceptChat", "acceptVideo", "decline", "close", "minimize", "unread", "unread", "videoButton",
    "prechatTitle", "prechatSubmit", "chatTitle", "waiting", "queued", "agentJoined", "agentLeft", "composer", "send",
    "endChat", "ratingQuestion", "ratingSubmit", "ratingSkip", "videoInvited", "videoAccept", "videoDecline",
    "videoRequested", "videoRinging", "videoConnecting", "videoConnected", "videoEnded", "videoCancelled",
    "videoHangUp", "videoCameraOn", "videoCameraOff", "videoMute", "videoUnmute", "videoRetry", "videoDenied",
    "videoNoDevice", "videoBusy", "videoTimeout", "videoFailed", "videoConnectionLost", "videoUnavailable",
    "agentNamedJoined", "reconnecting", "agentTyping", "agentTypingUnnamed", "delivered", "read", "videoFullScreen",
    "videoExitFullScreen", "videoPictureInPicture",
};
static_assert(std::size(kKeys) == static_cast<std::size_t>(UiString::count_));

std::string_view in(const Pair& pair, Locale locale) noexcept { return locale == Locale::fr ? pair.fr : pair.en; }

// Out of line, and called from two places: binaryen's inliner (emcc's wasm-opt) takes a function
// with one caller into it whatever its size, and the table's address with it.
// It takes its table's own index: an index folded into the table's address would name an
// address before the table, in the primary's code.
[[gnu::noinline]] std::string_view later_text(std::size_t later, Locale locale) noexcept {
  return in(kLaterTexts[later], locale);
}

}  // namespace

std::string_view ui_text(UiString id, Locale locale) noexcept {
  auto index = static_cast<std::size_t>(id);
  return index < kStartCount ? in(kStartTexts[index], locale) : later_text(index - kStartCount, locale);
}

std::optional<OwnSentence> own_sentence(std::string_view text) noexcept {
  for (std::size_t index = 0; index < static_cast<std::size_t>(UiString::count_); ++index) {
    auto id = static_cast<UiString>(index);
    for (Locale locale : {Locale::en, Locale::fr}) {
      std::string_view own = index < kStartCount ? in(kStartTexts[index], locale) : later_text(index - kStartCount, locale);
      if (id == UiString::agent_named_joined ? text.size() > own.size() && text.ends_with(own) : text == own)
        return OwnSentence{id, text.substr(0, text.size() - own.size())};
    }
  }
  return std::nullopt;
}

std::string_view ui_key(UiString id) noexcept { return kKeys[static_cast<std::size_t>(id)]; }

bool is_ui_key(std::string_view key) noexcept {
  return std::find(std::begin(kKeys), std::end(kKeys), key) != std::end(kKeys);
}

std::string_view ui_language_match(std::string_view tag) noexcept {
  std::size_t end = tag.find_first_of("-_");
  std::string_view primary = tag.substr(0, end == std::string_view::npos ? tag.size() : end);
  for (std::string_view language : kUiLanguages) {
    if (language.size() == primary.size() &&
        std::equal(language.begin(), language.end(), primary.begin(),
                   [](char a, char b) { return a == (b >= 'A' && b <= 'Z' ? static_cast<char>(b - 'A' + 'a') : b); }))
      return language;
  }
  return {};
}

}  // namespace parley
