#include "parley/ui_strings.hpp"

namespace parley {
namespace {

struct Pair {
  std::string_view en;
  std::string_view fr;
};

// In UiString order.
constexpr Pair kTexts[] = {
    {"Chat with us", "Discuter avec nous"},
    {"Start chat", "Discuter"},
    {"Video call", "Appel vidéo"},
    {"No thanks", "Non merci"},
    {"Close", "Fermer"},
    {"Minimize", "Réduire"},
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
};
static_assert(std::size(kTexts) == static_cast<std::size_t>(UiString::count_));

}  // namespace

std::string_view ui_text(UiString id, Locale locale) noexcept {
  const Pair& pair = kTexts[static_cast<std::size_t>(id)];
  return locale == Locale::fr ? pair.fr : pair.en;
}

}  // namespace parley
