// parley/prechat.hpp: the pre-chat survey, from config to the answers the agent reads.
//
//   1. QuestionType, Question, PrechatSurvey   the model
//   2. read_prechat_survey                      config "prechat": {"questions": [...]} -> model
//   3. validate_answers                         the visitor's raw answers -> clean answers + errors
//   4. answers_for_agent                        clean answers -> [{"id","label","value"}]
//
// Pure functions over untrusted JSON: no exceptions, no I/O, no DOM. Rendering the form is the
// visitor UI's job; this file only says what a valid survey and a valid answer are, and in which
// words (French and English) a wrong answer is explained.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "parley/error.hpp"
#include "parley/json_reader.hpp"
#include "parley/text.hpp"

namespace parley {

// ---- 1. The model -------------------------------------------------------------------------------

inline constexpr std::size_t kMaxQuestions = 20;         // questions past the 20th: too_large, ignored
inline constexpr std::size_t kMaxOptions = 50;           // options past the 50th: too_large, ignored
inline constexpr std::size_t kMaxQuestionIdBytes = 64;   // longer ids: too_large, question dropped
inline constexpr std::size_t kMaxAnswerBytes = 1000;     // longer answers (after trimming): too_long

enum class QuestionType { text, email, choice, consent };  // JSON: "text" "email" "choice" "consent"

std::string_view to_string(QuestionType type) noexcept;

struct Question {
  std::string id;                          // unique in the survey, non-empty, <= 64 bytes
  QuestionType type = QuestionType::text;  // "type" may be omitted: a text question
  LocalizedText label;                     // required; never empty in either language
  bool required = false;                   // consent: required means the answer must be true
  std::vector<LocalizedText> options;      // choice only: 1 to 50, English texts all different
};

struct PrechatSurvey {
  std::vector<Question> questions;  // in config order
  bool empty() const noexcept { return questions.empty(); }
};

// ---- 2. Reading the config ----------------------------------------------------------------------

// Reads {"questions": [...]} at `path` ("questions" is required; [] is an empty survey). Every
// problem is an Error with its JSON pointer, and the rest still runs:
// - a question with an error in one of its own fields is dropped whole, the others are kept:
//   id missing / not a string / empty (missing_field, wrong_type) / over 64 bytes (too_large) /
//   already used by a kept question (duplicate_id); type not a known string (unknown_value,
//   wrong_type); label missing or not a text, or empty in both languages; required not a boolean;
//   a choice without options, with [] (missing_field), with an option that is not a text or is
//   empty, or with two options sharing their English text (duplicate_id);
// - reported but harmless, the question is kept: unknown keys (unknown_key), including
//   "options" on a question that is not a choice; options past the 50th (too_large, ignored);
// - questions past the 20th are not read (one too_large error at the 21st).
// A text given in one language only, or empty in one of them, shows the other language there.
PrechatSurvey read_prechat_survey(const Json& value, const std::string& path, Errors& errors);

// ---- 3. Validating the visitor's answers --------------------------------------------------------

// Why an answer was refused (invalid first, as in every Parley enum).
enum class AnswerProblem { invalid, required, wrong_type, too_long, not_an_email, not_an_option };

struct FieldError {
  std::string question_id;
  LocalizedText message;  // one sentence for the visitor, French and English
  AnswerProblem problem = AnswerProblem::invalid;
};

struct ValidatedAnswers {
  Json answers = Json::object();   // {questionId: clean value}, only answered, valid, known ids
  std::vector<FieldError> errors;  // at most one per question, in question order
  bool ok() const noexcept { return errors.empty(); }
};

// `answers` is the visitor's {questionId: value}; anything but an object counts as no answers,
// unknown ids are ignored, and null counts as not answered.
// - text, email: a string, trimmed of ASCII whitespace; "" after trimming is not answered. At most
//   1000 bytes after trimming (too_long: the answer is refused, never cut). An email needs exactly
//   one '@', a non-empty local part, a domain with a dot that neither starts nor ends it nor
//   doubles, and no whitespace or control character. Stored as typed (trimmed).
// - choice: either an option's text (trimmed, exact match, English first, then French) or its
//   0-based index as an integer. Stored as the option's English text, whatever the visitor's
//   language, so the host and the agent get one stable value per option.
// - consent: a boolean, stored as given; when required, it must be true.
// Checks, first failure wins: JSON type, then required, then length (text, email), then
// email/option. A refused answer is left out of `answers`.
ValidatedAnswers validate_answers(const PrechatSurvey& survey, const Json& answers);

// ---- 4. For the agent ---------------------------------------------------------------------------

// The answers as the agent reads them: [{"id", "label", "value"}] in question order, labels in
// `locale`, values as display strings: text and email as given, a choice as its option's text in
// `locale`, consent as "Yes"/"No" ("Oui"/"Non"). Unanswered questions are left out. Values that
// validate_answers would refuse are left out too, so raw answers never reach the agent unchecked.
Json answers_for_agent(const PrechatSurvey& survey, const Json& clean_answers, Locale locale);

}  // namespace parley
