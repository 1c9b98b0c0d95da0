#include "parley/prechat.hpp"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <utility>

namespace parley {
namespace {

constexpr std::size_t kNoOption = static_cast<std::size_t>(-1);

// ---- Reading ------------------------------------------------------------------------------------

// A text that must say something: an empty language borrows the other one, both empty is an
// error. A wrong type inside {"en","fr"} makes the text unusable even though read_localized_text
// still returns the other language; unknown languages are only reported.
std::optional<LocalizedText> read_text(const Json& value, const std::string& path, Errors& errors) {
  const std::size_t first_error = errors.size();
  auto text = read_localized_text(value, path, errors);
  if (!text || std::any_of(errors.begin() + static_cast<std::ptrdiff_t>(first_error), errors.end(),
                           [](const Error& e) { return e.code != ErrorCode::unknown_key; }))
    return std::nullopt;
  if (text->en.empty()) text->en = text->fr;
  if (text->fr.empty()) text->fr = text->en;
  if (text->en.empty()) {
    errors.push_back({ErrorCode::missing_field, "a text must not be empty", path});
    return std::nullopt;
  }
  return text;
}

bool read_id(ObjectReader& reader, Question& question, Errors& errors) {
  const Json* id = reader.require("id");
  if (id == nullptr) return false;
  const auto* text = id->get_ptr<const std::string*>();
  if (text == nullptr) {
    reader.wrong_type("id", "a string", *id);
    return false;
  }
  if (text->empty()) {
    errors.push_back({ErrorCode::missing_field, "\"id\" must not be empty", reader.path_of("id")});
    return false;
  }
  if (text->size() > kMaxQuestionIdBytes) {
    errors.push_back({ErrorCode::too_large, "\"id\" must be at most 64 bytes long", reader.path_of("id")});
    return false;
  }
  question.id = *text;
  return true;
}

bool read_options(ObjectReader& reader, Question& question, Errors& errors) {
  const Json* options = reader.require("options");
  if (options == nullptr) return false;
  const std::string options_path = reader.path_of("options");
  if (!options->is_array()) {
    reader.wrong_type("options", "an array of texts", *options);
    return false;
  }
  if (options->empty()) {
    errors.push_back({ErrorCode::missing_field, "a choice needs at least one option", options_path});
    return false;
  }
  bool ok = true;
  std::size_t index = 0;
  for (const Json& option : *options) {
    const std::string option_path = json_pointer_append(options_path, index++);
    if (index > kMaxOptions) {
      errors.push_back({ErrorCode::too_large, "only the first 50 options are used", option_path});
      break;
    }
    auto text = read_text(option, option_path, errors);
    if (!text) {
      ok = false;
      continue;
    }
    // Answers are stored as the English text, so it must name one option only.
    if (std::any_of(question.options.begin(), question.options.end(),
                    [&](const LocalizedText& other) { return other.en == text->en; })) {
      errors.push_back({ErrorCode::duplicate_id, "option \"" + text->en + "\" is listed twice", option_path});
      ok = false;
      continue;
    }
    question.options.push_back(std::move(*text));
  }
  return ok;
}

std::optional<Question> read_question(const Json& value, const std::string& path, Errors& errors) {
  ObjectReader reader(value, path, errors);
  if (!reader.is_object()) return std::nullopt;
  Question question;
  bool keep = read_id(reader, question, errors);

  bool type_known = true;
  if (const Json* type = reader.find("type")) {
    auto parsed = ObjectReader::enum_value<QuestionType>(*type, reader.path_of("type"),
                                                         {{"text", QuestionType::text},
                                                          {"email", QuestionType::email},
                                                          {"choice", QuestionType::choice},
                                                          {"consent", QuestionType::consent}},
                                                         errors);
    if (parsed) question.type = *parsed;
    type_known = parsed.has_value();
    keep = keep && type_known;
  }

  const Json* label = reader.require("label");
  auto label_text = label != nullptr ? read_text(*label, reader.path_of("label"), errors) : std::nullopt;
  if (label_text) question.label = std::move(*label_text);
  else keep = false;

  if (const Json* required = reader.find("required")) {
    if (const auto* flag = required->get_ptr<const bool*>()) question.required = *flag;
    else {
      reader.wrong_type("required", "true or false", *required);
      keep = false;
    }
  }

  if (question.type == QuestionType::choice) {
    keep = read_options(reader, question, errors) && keep;
  } else if (reader.find("options") != nullptr && type_known) {
    // With an unreadable type there is nothing useful to say about options: the type error says it.
    errors.push_back({ErrorCode::unknown_key,
                      "\"options\" only applies to a \"choice\" question and is ignored",
                      reader.path_of("options")});
  }

  reader.report_unknown_keys();
  if (!keep) return std::nullopt;
  return question;
}

// ---- Answers ------------------------------------------------------------------------------------

struct Message {
  std::string_view en;
  std::string_view fr;
};

constexpr Message kRequired{"This field is required.", "Ce champ est obligatoire."};
constexpr Message kConsentRequired{"You must give your consent to continue.",
                                   "Vous devez donner votre accord pour continuer."};
constexpr Message kWrongType{"This answer is not valid.", "Cette réponse n'est pas valide."};
constexpr Message kTooLong{"This answer is too long.", "Cette réponse est trop longue."};
constexpr Message kNotAnEmail{"Enter a valid email address.", "Saisissez une adresse e-mail valide."};
constexpr Message kNotAnOption{"Choose one of the options offered.", "Choisissez une des options proposées."};

LocalizedText message_for(const Question& question, AnswerProblem problem) {
  Message message = kWrongType;
  switch (problem) {
    case AnswerProblem::required:
      message = question.type == QuestionType::consent ? kConsentRequired : kRequired;
      break;
    case AnswerProblem::too_long: message = kTooLong; break;
    case AnswerProblem::not_an_email: message = kNotAnEmail; break;
    case AnswerProblem::not_an_option: message = kNotAnOption; break;
    case AnswerProblem::invalid:
    case AnswerProblem::wrong_type: break;
  }
  return {std::string(message.en), std::string(message.fr)};
}

bool is_ascii_space(char c) noexcept {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

std::string_view trim(std::string_view text) noexcept {
  while (!text.empty() && is_ascii_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_ascii_space(text.back())) text.remove_suffix(1);
  return text;
}

// Plausible, not RFC 5322: catches typos, lets every real address through (non-ASCII included).
bool is_plausible_email(std::string_view text) noexcept {
  const std::size_t at = text.find('@');
  if (at == std::string_view::npos || at == 0 || text.find('@', at + 1) != std::string_view::npos)
    return false;
  for (char c : text)
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) return false;
  const std::string_view domain = text.substr(at + 1);
  return domain.find('.') != std::string_view::npos && domain.front() != '.' && domain.back() != '.' &&
         domain.find("..") == std::string_view::npos;
}

std::size_t option_by_index(const Question& question, const Json& value) {
  if (!value.is_number_integer()) return kNoOption;
  // An unsigned above INT64_MAX turns negative here, and is refused with the other negatives.
  const auto index = value.get<std::int64_t>();
  if (index < 0 || static_cast<std::uint64_t>(index) >= question.options.size()) return kNoOption;
  return static_cast<std::size_t>(index);
}

std::size_t option_by_text(const Question& question, std::string_view text) {
  for (std::size_t i = 0; i < question.options.size(); ++i)
    if (question.options[i].en == text) return i;
  for (std::size_t i = 0; i < question.options.size(); ++i)
    if (question.options[i].fr == text) return i;
  return kNoOption;
}

const Json* find_answer(const Json& answers, const std::string& id) {
  if (!answers.is_object()) return nullptr;
  auto it = answers.find(id);
  return it == answers.end() ? nullptr : &*it;
}

// Checks one raw answer. On success `value` is null (not answered), the trimmed string (text,
// email), the boolean (consent) or the option's index (choice).
std::optional<AnswerProblem> check_answer(const Question& question, const Json* raw, Json& value) {
  value = nullptr;
  if (raw == nullptr || raw->is_null())
    return question.required ? std::optional(AnswerProblem::required) : std::nullopt;

  if (question.type == QuestionType::consent) {
    const auto* agreed = raw->get_ptr<const bool*>();
    if (agreed == nullptr) return AnswerProblem::wrong_type;
    if (question.required && !*agreed) return AnswerProblem::required;
    value = *agreed;
    return std::nullopt;
  }

  if (question.type == QuestionType::choice && raw->is_number()) {
    const std::size_t option = option_by_index(question, *raw);
    if (option == kNoOption) return AnswerProblem::not_an_option;
    value = option;
    return std::nullopt;
  }

  const auto* text = raw->get_ptr<const std::string*>();
  if (text == nullptr) return AnswerProblem::wrong_type;
  const std::string_view trimmed = trim(*text);
  if (trimmed.empty()) return question.required ? std::optional(AnswerProblem::required) : std::nullopt;

  if (question.type == QuestionType::choice) {
    const std::size_t option = option_by_text(question, trimmed);
    if (option == kNoOption) return AnswerProblem::not_an_option;
    value = option;
    return std::nullopt;
  }
  if (trimmed.size() > kMaxAnswerBytes) return AnswerProblem::too_long;
  if (question.type == QuestionType::email && !is_plausible_email(trimmed)) return AnswerProblem::not_an_email;
  value = std::string(trimmed);
  return std::nullopt;
}

}  // namespace

std::string_view to_string(QuestionType type) noexcept {
  switch (type) {
    case QuestionType::text: return "text";
    case QuestionType::email: return "email";
    case QuestionType::choice: return "choice";
    case QuestionType::consent: return "consent";
  }
  return "text";
}

PrechatSurvey read_prechat_survey(const Json& value, const std::string& path, Errors& errors) {
  PrechatSurvey survey;
  ObjectReader reader(value, path, errors);
  const Json* questions = reader.require("questions");
  reader.report_unknown_keys();
  if (questions == nullptr) return survey;
  if (!questions->is_array()) {
    reader.wrong_type("questions", "an array", *questions);
    return survey;
  }
  const std::string questions_path = reader.path_of("questions");
  std::size_t index = 0;
  for (const Json& item : *questions) {
    const std::string item_path = json_pointer_append(questions_path, index++);
    if (index > kMaxQuestions) {
      errors.push_back({ErrorCode::too_large, "only the first 20 questions are used", item_path});
      break;
    }
    auto question = read_question(item, item_path, errors);
    if (!question) continue;
    if (std::any_of(survey.questions.begin(), survey.questions.end(),
                    [&](const Question& other) { return other.id == question->id; })) {
      errors.push_back({ErrorCode::duplicate_id, "question id \"" + question->id + "\" is already used",
                        json_pointer_append(item_path, "id")});
      continue;
    }
    survey.questions.push_back(std::move(*question));
  }
  return survey;
}

ValidatedAnswers validate_answers(const PrechatSurvey& survey, const Json& answers) {
  ValidatedAnswers out;
  for (const Question& question : survey.questions) {
    Json value;
    if (auto problem = check_answer(question, find_answer(answers, question.id), value)) {
      out.errors.push_back({question.id, message_for(question, *problem), *problem});
      continue;
    }
    if (value.is_null()) continue;
    if (question.type == QuestionType::choice) value = question.options[value.get<std::size_t>()].en;
    out.answers[question.id] = std::move(value);
  }
  return out;
}

Json answers_for_agent(const PrechatSurvey& survey, const Json& clean_answers, Locale locale) {
  Json out = Json::array();
  for (const Question& question : survey.questions) {
    Json value;
    if (check_answer(question, find_answer(clean_answers, question.id), value) || value.is_null()) continue;
    std::string shown;
    switch (question.type) {
      case QuestionType::consent: {
        const bool agreed = value.get<bool>();
        shown = locale == Locale::fr ? (agreed ? "Oui" : "Non") : (agreed ? "Yes" : "No");
        break;
      }
      case QuestionType::choice: shown = question.options[value.get<std::size_t>()].in(locale); break;
      case QuestionType::text:
      case QuestionType::email: shown = value.get<std::string>(); break;
    }
    Json entry = Json::object();
    entry["id"] = question.id;
    entry["label"] = question.label.in(locale);
    entry["value"] = std::move(shown);
    out.push_back(std::move(entry));
  }
  return out;
}

}  // namespace parley
