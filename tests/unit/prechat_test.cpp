// The pre-chat survey: reading it from config, validating the visitor's answers, and what the
// agent is shown. Each behaviour comes with its error twin.
#include "parley/prechat.hpp"

#include <gtest/gtest.h>

#include <string>

namespace parley {
namespace {

// design.md section 3.1, verbatim.
constexpr const char* kDesignExample = R"({
  "prechat": { "questions": [
    { "id": "name",  "type": "text",    "label": { "en": "Your name", "fr": "Votre nom" }, "required": true },
    { "id": "email", "type": "email",   "label": "Email" },
    { "id": "topic", "type": "choice",  "label": "Topic", "options": ["Billing", "Technical"] },
    { "id": "gdpr",  "type": "consent", "label": "I agree to be contacted", "required": true }
  ] }
})";

Json parse(std::string_view text) {
  Errors errors;
  Json value = parse_json(text, "", errors);
  EXPECT_TRUE(errors.empty()) << text;
  return value;
}

// Reads {"questions": [<questions>]} at "/prechat".
PrechatSurvey read_questions(const std::string& questions, Errors& errors) {
  return read_prechat_survey(parse(R"({"questions": [)" + questions + "]}"), "/prechat", errors);
}

PrechatSurvey design_survey() {
  Errors errors;
  PrechatSurvey survey = read_prechat_survey(parse(kDesignExample)["prechat"], "/prechat", errors);
  EXPECT_TRUE(errors.empty());
  return survey;
}

// A survey with one question of each kind, none required, and a bilingual choice.
PrechatSurvey optional_survey() {
  Errors errors;
  PrechatSurvey survey = read_questions(R"(
    {"id": "name", "label": {"en": "Name", "fr": "Nom"}},
    {"id": "email", "type": "email", "label": "Email"},
    {"id": "topic", "type": "choice", "label": {"en": "Topic", "fr": "Sujet"},
     "options": [{"en": "Billing", "fr": "Facturation"}, {"en": "Technical", "fr": "Technique"}]},
    {"id": "news", "type": "consent", "label": "Send me news"})",
                                        errors);
  EXPECT_TRUE(errors.empty());
  return survey;
}

bool has_error(const Errors& errors, ErrorCode code, const std::string& path) {
  for (const Error& error : errors)
    if (error.code == code && error.path == path) return true;
  return false;
}

std::string dump(const Errors& errors) {
  std::string out;
  for (const Error& error : errors)
    out += std::string(to_string(error.code)) + " " + error.path + ": " + error.message + "\n";
  return out;
}

ValidatedAnswers validate(const PrechatSurvey& survey, std::string_view answers) {
  return validate_answers(survey, parse(answers));
}

// ---- Reading the config -------------------------------------------------------------------------

TEST(PrechatSurvey, DesignExampleIsReadWithoutErrors) {
  Errors errors;
  PrechatSurvey survey = read_prechat_survey(parse(kDesignExample)["prechat"], "/prechat", errors);
  EXPECT_TRUE(errors.empty()) << dump(errors);
  ASSERT_EQ(survey.questions.size(), 4u);
  EXPECT_FALSE(survey.empty());

  const Question& name = survey.questions[0];
  EXPECT_EQ(name.id, "name");
  EXPECT_EQ(name.type, QuestionType::text);
  EXPECT_EQ(name.label.en, "Your name");
  EXPECT_EQ(name.label.fr, "Votre nom");
  EXPECT_TRUE(name.required);

  const Question& email = survey.questions[1];
  EXPECT_EQ(email.type, QuestionType::email);
  EXPECT_EQ(email.label.fr, "Email");
  EXPECT_FALSE(email.required);

  const Question& topic = survey.questions[2];
  EXPECT_EQ(topic.type, QuestionType::choice);
  ASSERT_EQ(topic.options.size(), 2u);
  EXPECT_EQ(topic.options[0].en, "Billing");
  EXPECT_EQ(topic.options[1].fr, "Technical");

  const Question& gdpr = survey.questions[3];
  EXPECT_EQ(gdpr.type, QuestionType::consent);
  EXPECT_TRUE(gdpr.required);
}

TEST(PrechatSurvey, EmptyQuestionListIsAnEmptySurvey) {
  Errors errors;
  EXPECT_TRUE(read_questions("", errors).empty());
  EXPECT_TRUE(errors.empty());
}

TEST(PrechatSurvey, MissingQuestionListIsReported) {
  Errors errors;
  EXPECT_TRUE(read_prechat_survey(parse("{}"), "/prechat", errors).empty());
  EXPECT_TRUE(has_error(errors, ErrorCode::missing_field, "/prechat/questions")) << dump(errors);
}

TEST(PrechatSurvey, QuestionListThatIsNotAnArrayIsReported) {
  Errors errors;
  EXPECT_TRUE(read_prechat_survey(parse(R"({"questions": {}})"), "/prechat", errors).empty());
  EXPECT_TRUE(has_error(errors, ErrorCode::wrong_type, "/prechat/questions")) << dump(errors);
}

TEST(PrechatSurvey, PrechatThatIsNotAnObjectIsReported) {
  Errors errors;
  EXPECT_TRUE(read_prechat_survey(parse("true"), "/prechat", errors).empty());
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_TRUE(has_error(errors, ErrorCode::wrong_type, "/prechat")) << dump(errors);
}

TEST(PrechatSurvey, UnknownKeyBesideQuestionsIsReported) {
  Errors errors;
  read_prechat_survey(parse(R"({"questions": [], "title": "Hi"})"), "/prechat", errors);
  EXPECT_TRUE(has_error(errors, ErrorCode::unknown_key, "/prechat/title")) << dump(errors);
}

TEST(PrechatSurvey, TypeDefaultsToText) {
  Errors errors;
  PrechatSurvey survey = read_questions(R"({"id": "q", "label": "Q"})", errors);
  EXPECT_TRUE(errors.empty()) << dump(errors);
  ASSERT_EQ(survey.questions.size(), 1u);
  EXPECT_EQ(survey.questions[0].type, QuestionType::text);
  EXPECT_FALSE(survey.questions[0].required);
}

TEST(PrechatSurvey, UnknownQuestionTypeIsReportedWithItsPath) {
  Errors errors;
  PrechatSurvey survey = read_questions(R"({"id": "q", "type": "date", "label": "Q"})", errors);
  EXPECT_TRUE(survey.empty());
  ASSERT_EQ(errors.size(), 1u) << dump(errors);
  EXPECT_TRUE(has_error(errors, ErrorCode::unknown_value, "/prechat/questions/0/type"));
}

TEST(PrechatSurvey, QuestionTypeThatIsNotAStringIsReported) {
  Errors errors;
  EXPECT_TRUE(read_questions(R"({"id": "q", "type": 1, "label": "Q"})", errors).empty());
  EXPECT_TRUE(has_error(errors, ErrorCode::wrong_type, "/prechat/questions/0/type")) << dump(errors);
}

TEST(PrechatSurvey, QuestionThatIsNotAnObjectIsReported) {
  Errors errors;
  EXPECT_TRUE(read_questions(R"("name")", errors).empty());
  EXPECT_TRUE(has_error(errors, ErrorCode::wrong_type, "/prechat/questions/0")) << dump(errors);
}

TEST(PrechatSurvey, BadQuestionIsDroppedOthersKept) {
  Errors errors;
  PrechatSurvey survey = read_questions(R"(
    {"id": "first", "label": "First"},
    {"id": "bad", "type": "choice", "label": "Bad"},
    {"id": "last", "type": "consent", "label": "Last"})",
                                        errors);
  ASSERT_EQ(survey.questions.size(), 2u);
  EXPECT_EQ(survey.questions[0].id, "first");
  EXPECT_EQ(survey.questions[1].id, "last");
  ASSERT_EQ(errors.size(), 1u) << dump(errors);
  EXPECT_TRUE(has_error(errors, ErrorCode::missing_field, "/prechat/questions/1/options"));
}

TEST(PrechatSurvey, IdOf64BytesIsAccepted) {
  Errors errors;
  PrechatSurvey survey = read_questions(R"({"id": ")" + std::string(64, 'a') + R"(", "label": "Q"})", errors);
  EXPECT_TRUE(errors.empty()) << dump(errors);
  EXPECT_EQ(survey.questions.size(), 1u);
}

TEST(PrechatSurvey, IdOver64BytesIsTooLarge) {
  Errors errors;
  PrechatSurvey survey = read_questions(R"({"id": ")" + std::string(65, 'a') + R"(", "label": "Q"})", errors);
  EXPECT_TRUE(survey.empty());
  EXPECT_TRUE(has_error(errors, ErrorCode::too_large, "/prechat/questions/0/id")) << dump(errors);
}

TEST(PrechatSurvey, MissingIdIsReported) {
  Errors errors;
  EXPECT_TRUE(read_questions(R"({"label": "Q"})", errors).empty());
  EXPECT_TRUE(has_error(errors, ErrorCode::missing_field, "/prechat/questions/0/id")) << dump(errors);
}

TEST(PrechatSurvey, EmptyIdIsReported) {
  Errors errors;
  EXPECT_TRUE(read_questions(R"({"id": "", "label": "Q"})", errors).empty());
  EXPECT_TRUE(has_error(errors, ErrorCode::missing_field, "/prechat/questions/0/id")) << dump(errors);
}

TEST(PrechatSurvey, IdThatIsNotAStringIsReported) {
  Errors errors;
  EXPECT_TRUE(read_questions(R"({"id": 7, "label": "Q"})", errors).empty());
  EXPECT_TRUE(has_error(errors, ErrorCode::wrong_type, "/prechat/questions/0/id")) << dump(errors);
}

TEST(PrechatSurvey, DistinctIdsAreAllKept) {
  Errors errors;
  EXPECT_EQ(read_questions(R"({"id": "a", "label": "A"}, {"id": "b", "label": "B"})", errors).questions.size(), 2u);
  EXPECT_TRUE(errors.empty()) << dump(errors);
}

TEST(PrechatSurvey, DuplicateIdIsReportedAndTheLaterQuestionDropped) {
  Errors errors;
  PrechatSurvey survey = read_questions(R"({"id": "a", "label": "First"}, {"id": "a", "label": "Second"})", errors);
  ASSERT_EQ(survey.questions.size(), 1u);
  EXPECT_EQ(survey.questions[0].label.en, "First");
  EXPECT_TRUE(has_error(errors, ErrorCode::duplicate_id, "/prechat/questions/1/id")) << dump(errors);
}

TEST(PrechatSurvey, LabelInOneLanguageShowsInBoth) {
  Errors errors;
  PrechatSurvey survey = read_questions(R"({"id": "q", "label": {"fr": "Votre nom"}},
                                           {"id": "r", "label": {"en": "Name", "fr": ""}})",
                                        errors);
  EXPECT_TRUE(errors.empty()) << dump(errors);
  ASSERT_EQ(survey.questions.size(), 2u);
  EXPECT_EQ(survey.questions[0].label.en, "Votre nom");
  EXPECT_EQ(survey.questions[1].label.fr, "Name");
}

TEST(PrechatSurvey, MissingLabelIsReported) {
  Errors errors;
  EXPECT_TRUE(read_questions(R"({"id": "q"})", errors).empty());
  EXPECT_TRUE(has_error(errors, ErrorCode::missing_field, "/prechat/questions/0/label")) << dump(errors);
}

TEST(PrechatSurvey, EmptyLabelIsReported) {
  Errors errors;
  EXPECT_TRUE(read_questions(R"({"id": "q", "label": ""})", errors).empty());
  EXPECT_TRUE(has_error(errors, ErrorCode::missing_field, "/prechat/questions/0/label")) << dump(errors);
}

TEST(PrechatSurvey, LabelWithAMistypedLanguageIsReported) {
  Errors errors;
  EXPECT_TRUE(read_questions(R"({"id": "q", "label": {"en": "Name", "fr": 3}})", errors).empty());
  EXPECT_TRUE(has_error(errors, ErrorCode::wrong_type, "/prechat/questions/0/label/fr")) << dump(errors);
}

TEST(PrechatSurvey, RequiredIsReadAsABoolean) {
  Errors errors;
  PrechatSurvey survey = read_questions(R"({"id": "q", "label": "Q", "required": true})", errors);
  ASSERT_EQ(survey.questions.size(), 1u);
  EXPECT_TRUE(survey.questions[0].required);
}

TEST(PrechatSurvey, RequiredThatIsNotABooleanIsReported) {
  Errors errors;
  EXPECT_TRUE(read_questions(R"({"id": "q", "label": "Q", "required": "yes"})", errors).empty());
  EXPECT_TRUE(has_error(errors, ErrorCode::wrong_type, "/prechat/questions/0/required")) << dump(errors);
}

TEST(PrechatSurvey, UnknownQuestionKeyIsReportedAndTheQuestionKept) {
  Errors errors;
  PrechatSurvey survey = read_questions(R"({"id": "q", "label": "Q", "placeholder": "..."})", errors);
  EXPECT_EQ(survey.questions.size(), 1u);
  ASSERT_EQ(errors.size(), 1u) << dump(errors);
  EXPECT_TRUE(has_error(errors, ErrorCode::unknown_key, "/prechat/questions/0/placeholder"));
}

TEST(PrechatSurvey, OptionsOnANonChoiceQuestionAreReportedAndIgnored) {
  Errors errors;
  PrechatSurvey survey = read_questions(R"({"id": "q", "type": "text", "label": "Q", "options": ["A"]})", errors);
  ASSERT_EQ(survey.questions.size(), 1u);
  EXPECT_TRUE(survey.questions[0].options.empty());
  ASSERT_EQ(errors.size(), 1u) << dump(errors);
  EXPECT_TRUE(has_error(errors, ErrorCode::unknown_key, "/prechat/questions/0/options"));
}

TEST(PrechatSurvey, ChoiceOptionsMayBeBilingual) {
  PrechatSurvey survey = optional_survey();
  const Question& topic = survey.questions[2];
  ASSERT_EQ(topic.options.size(), 2u);
  EXPECT_EQ(topic.options[0].en, "Billing");
  EXPECT_EQ(topic.options[0].fr, "Facturation");
}

TEST(PrechatSurvey, ChoiceWithoutOptionsIsReported) {
  Errors errors;
  EXPECT_TRUE(read_questions(R"({"id": "q", "type": "choice", "label": "Q"})", errors).empty());
  EXPECT_TRUE(has_error(errors, ErrorCode::missing_field, "/prechat/questions/0/options")) << dump(errors);
}

TEST(PrechatSurvey, ChoiceWithAnEmptyOptionListIsReported) {
  Errors errors;
  EXPECT_TRUE(read_questions(R"({"id": "q", "type": "choice", "label": "Q", "options": []})", errors).empty());
  EXPECT_TRUE(has_error(errors, ErrorCode::missing_field, "/prechat/questions/0/options")) << dump(errors);
}

TEST(PrechatSurvey, ChoiceOptionsThatAreNotAnArrayAreReported) {
  Errors errors;
  EXPECT_TRUE(read_questions(R"({"id": "q", "type": "choice", "label": "Q", "options": "A,B"})", errors).empty());
  EXPECT_TRUE(has_error(errors, ErrorCode::wrong_type, "/prechat/questions/0/options")) << dump(errors);
}

TEST(PrechatSurvey, OptionThatIsNotATextIsReportedWithItsPath) {
  Errors errors;
  EXPECT_TRUE(read_questions(R"({"id": "q", "type": "choice", "label": "Q", "options": ["A", 2]})", errors).empty());
  EXPECT_TRUE(has_error(errors, ErrorCode::wrong_type, "/prechat/questions/0/options/1")) << dump(errors);
}

TEST(PrechatSurvey, EmptyOptionIsReported) {
  Errors errors;
  EXPECT_TRUE(read_questions(R"({"id": "q", "type": "choice", "label": "Q", "options": ["A", ""]})", errors).empty());
  EXPECT_TRUE(has_error(errors, ErrorCode::missing_field, "/prechat/questions/0/options/1")) << dump(errors);
}

TEST(PrechatSurvey, DuplicateOptionIsReported) {
  Errors errors;
  EXPECT_TRUE(read_questions(R"({"id": "q", "type": "choice", "label": "Q",
                                 "options": ["A", {"en": "A", "fr": "Autre"}]})",
                             errors)
                  .empty());
  EXPECT_TRUE(has_error(errors, ErrorCode::duplicate_id, "/prechat/questions/0/options/1")) << dump(errors);
}

std::string options_json(std::size_t count) {
  std::string out;
  for (std::size_t i = 0; i < count; ++i) out += (i ? ",\"" : "\"") + std::to_string(i) + "\"";
  return out;
}

TEST(PrechatSurvey, FiftyOptionsAreAccepted) {
  Errors errors;
  PrechatSurvey survey =
      read_questions(R"({"id": "q", "type": "choice", "label": "Q", "options": [)" + options_json(50) + "]}", errors);
  EXPECT_TRUE(errors.empty()) << dump(errors);
  ASSERT_EQ(survey.questions.size(), 1u);
  EXPECT_EQ(survey.questions[0].options.size(), 50u);
}

TEST(PrechatSurvey, OptionsPastTheFiftiethAreTooLargeAndIgnored) {
  Errors errors;
  PrechatSurvey survey =
      read_questions(R"({"id": "q", "type": "choice", "label": "Q", "options": [)" + options_json(52) + "]}", errors);
  ASSERT_EQ(survey.questions.size(), 1u);
  EXPECT_EQ(survey.questions[0].options.size(), 50u);
  ASSERT_EQ(errors.size(), 1u) << dump(errors);
  EXPECT_TRUE(has_error(errors, ErrorCode::too_large, "/prechat/questions/0/options/50"));
}

std::string questions_json(std::size_t count) {
  std::string out;
  for (std::size_t i = 0; i < count; ++i)
    out += (i ? "," : "") + std::string(R"({"id": "q)") + std::to_string(i) + R"(", "label": "Q"})";
  return out;
}

TEST(PrechatSurvey, TwentyQuestionsAreAccepted) {
  Errors errors;
  EXPECT_EQ(read_questions(questions_json(20), errors).questions.size(), 20u);
  EXPECT_TRUE(errors.empty()) << dump(errors);
}

TEST(PrechatSurvey, QuestionsPastTheTwentiethAreTooLarge) {
  Errors errors;
  PrechatSurvey survey = read_questions(questions_json(25), errors);
  EXPECT_EQ(survey.questions.size(), 20u);
  ASSERT_EQ(errors.size(), 1u) << dump(errors);
  EXPECT_TRUE(has_error(errors, ErrorCode::too_large, "/prechat/questions/20"));
}

TEST(PrechatSurvey, QuestionTypesHaveTheirJsonNames) {
  EXPECT_EQ(to_string(QuestionType::text), "text");
  EXPECT_EQ(to_string(QuestionType::email), "email");
  EXPECT_EQ(to_string(QuestionType::choice), "choice");
  EXPECT_EQ(to_string(QuestionType::consent), "consent");
}

// Every JSON type in every place: errors, never a crash (run under ASan/UBSan too).
TEST(PrechatSurvey, AnyJsonInAnyPlaceIsReportedNeverFatal) {
  const char* values[] = {"null", "true", "0", "-1", "1.5", "\"\"", "\"x\"", "[]", "[null]", "{}", R"({"en": 1})"};
  for (const char* value : values) {
    const std::string v = value;
    for (const std::string& config :
         {v, R"({"questions": )" + v + "}", R"({"questions": [)" + v + "]}",
          R"({"questions": [{"id": )" + v + R"(, "label": "Q"}]})",
          R"({"questions": [{"id": "q", "type": )" + v + R"(, "label": "Q"}]})",
          R"({"questions": [{"id": "q", "label": )" + v + "}]}",
          R"({"questions": [{"id": "q", "label": "Q", "required": )" + v + "}]}",
          R"({"questions": [{"id": "q", "type": "choice", "label": "Q", "options": )" + v + "}]}",
          R"({"questions": [{"id": "q", "type": "choice", "label": "Q", "options": [)" + v + "]}]}"}) {
      Errors errors;
      PrechatSurvey survey = read_prechat_survey(parse(config), "/prechat", errors);
      if (!survey.empty() || config == R"({"questions": []})") continue;  // valid: nothing to report
      EXPECT_FALSE(errors.empty()) << config;
      for (const Error& error : errors) EXPECT_EQ(error.path.rfind("/prechat", 0), 0u) << config;
    }
    for (const char* id : {"name", "email", "topic", "gdpr"}) {
      Json answers = Json::object();
      answers[id] = parse(value);
      ValidatedAnswers result = validate_answers(design_survey(), answers);
      answers_for_agent(design_survey(), answers, Locale::fr);
      answers_for_agent(design_survey(), result.answers, Locale::en);
    }
  }
}

// ---- Validating answers -------------------------------------------------------------------------

TEST(PrechatAnswers, CompleteDesignAnswersAreAccepted) {
  ValidatedAnswers result = validate(design_survey(), R"({"name": "  Ada Lovelace ", "email": "ada@example.org",
                                                         "topic": "Technical", "gdpr": true})");
  EXPECT_TRUE(result.ok());
  EXPECT_EQ(result.answers, parse(R"({"name": "Ada Lovelace", "email": "ada@example.org",
                                      "topic": "Technical", "gdpr": true})"));
}

TEST(PrechatAnswers, MissingRequiredAnswersAreReportedInQuestionOrder) {
  ValidatedAnswers result = validate(design_survey(), "{}");
  EXPECT_FALSE(result.ok());
  ASSERT_EQ(result.errors.size(), 2u);
  EXPECT_EQ(result.errors[0].question_id, "name");
  EXPECT_EQ(result.errors[0].problem, AnswerProblem::required);
  EXPECT_EQ(result.errors[1].question_id, "gdpr");
  EXPECT_EQ(result.errors[1].problem, AnswerProblem::required);
  EXPECT_TRUE(result.answers.is_object());
  EXPECT_TRUE(result.answers.empty());
}

TEST(PrechatAnswers, UnansweredOptionalQuestionsAreLeftOut) {
  ValidatedAnswers result = validate(optional_survey(), R"({"name": "", "email": "  ", "topic": null})");
  EXPECT_TRUE(result.ok());
  EXPECT_TRUE(result.answers.empty());
}

TEST(PrechatAnswers, BlankRequiredTextIsReported) {
  ValidatedAnswers result = validate(design_survey(), R"({"name": " \t\n ", "gdpr": true})");
  ASSERT_EQ(result.errors.size(), 1u);
  EXPECT_EQ(result.errors[0].question_id, "name");
  EXPECT_EQ(result.errors[0].problem, AnswerProblem::required);
  EXPECT_FALSE(result.answers.contains("name"));
}

TEST(PrechatAnswers, NullRequiredAnswerIsReportedAsMissing) {
  ValidatedAnswers result = validate(design_survey(), R"({"name": null, "gdpr": true})");
  ASSERT_EQ(result.errors.size(), 1u);
  EXPECT_EQ(result.errors[0].problem, AnswerProblem::required);
}

TEST(PrechatAnswers, TextIsTrimmedOfAsciiWhitespaceOnly) {
  // U+00A0 (no-break space) is not ASCII whitespace: it stays.
  ValidatedAnswers result = validate(optional_survey(), "{\"name\": \"\\r\\n\\u00a0Zoé \\t\"}");
  EXPECT_TRUE(result.ok());
  EXPECT_EQ(result.answers["name"], "\xC2\xA0Zoé");
}

TEST(PrechatAnswers, TextOf1000BytesIsAccepted) {
  Json answers = Json::object();
  answers["name"] = "  " + std::string(1000, 'x') + "  ";
  ValidatedAnswers result = validate_answers(optional_survey(), answers);
  EXPECT_TRUE(result.ok());
  EXPECT_EQ(result.answers["name"].get<std::string>().size(), 1000u);
}

TEST(PrechatAnswers, TextOver1000BytesIsRejectedNotCut) {
  Json answers = Json::object();
  answers["name"] = std::string(999, 'x') + "é";
  ValidatedAnswers result = validate_answers(optional_survey(), answers);
  ASSERT_EQ(result.errors.size(), 1u);
  EXPECT_EQ(result.errors[0].problem, AnswerProblem::too_long);
  EXPECT_EQ(result.errors[0].message.en, "This answer is too long.");
  EXPECT_EQ(result.errors[0].message.fr, "Cette réponse est trop longue.");
  EXPECT_FALSE(result.answers.contains("name"));
}

TEST(PrechatAnswers, AnswerOfTheWrongJsonTypeIsReported) {
  ValidatedAnswers result = validate(optional_survey(), R"({"name": 42, "email": ["a@b.c"], "topic": true,
                                                           "news": "yes"})");
  ASSERT_EQ(result.errors.size(), 4u);
  for (const FieldError& error : result.errors) {
    EXPECT_EQ(error.problem, AnswerProblem::wrong_type) << error.question_id;
    EXPECT_EQ(error.message.en, "This answer is not valid.");
    EXPECT_EQ(error.message.fr, "Cette réponse n'est pas valide.");
  }
  EXPECT_TRUE(result.answers.empty());
}

TEST(PrechatAnswers, ValidEmailIsAcceptedAsTyped) {
  for (const char* email : {"ada@example.org", "Ada.Lovelace+chat@Mail.Example.co.uk", "zoé@exemple.fr"}) {
    Json answers = Json::object();
    answers["email"] = std::string(" ") + email + " ";
    ValidatedAnswers result = validate_answers(optional_survey(), answers);
    EXPECT_TRUE(result.ok()) << email;
    EXPECT_EQ(result.answers["email"], email);
  }
}

TEST(PrechatAnswers, EmailWithoutDomainDotIsRejected) {
  ValidatedAnswers result = validate(optional_survey(), R"({"email": "ada@localhost"})");
  ASSERT_EQ(result.errors.size(), 1u);
  EXPECT_EQ(result.errors[0].question_id, "email");
  EXPECT_EQ(result.errors[0].problem, AnswerProblem::not_an_email);
  EXPECT_EQ(result.errors[0].message.en, "Enter a valid email address.");
  EXPECT_EQ(result.errors[0].message.fr, "Saisissez une adresse e-mail valide.");
  EXPECT_FALSE(result.answers.contains("email"));
}

TEST(PrechatAnswers, ImplausibleEmailsAreRejected) {
  for (const char* email : {"ada.example.org", "@example.org", "ada@@example.org", "a@b@example.org",
                            "ada@", "ada lovelace@example.org", "ada@example .org", "ada@.example.org",
                            "ada@example.org.", "ada@example..org", "ada@exa\tmple.org"}) {
    Json answers = Json::object();
    answers["email"] = email;
    ValidatedAnswers result = validate_answers(optional_survey(), answers);
    ASSERT_EQ(result.errors.size(), 1u) << email;
    EXPECT_EQ(result.errors[0].problem, AnswerProblem::not_an_email) << email;
  }
}

TEST(PrechatAnswers, ChoiceByEnglishTextIsStoredAsEnglishText) {
  ValidatedAnswers result = validate(optional_survey(), R"({"topic": " Technical "})");
  EXPECT_TRUE(result.ok());
  EXPECT_EQ(result.answers["topic"], "Technical");
}

TEST(PrechatAnswers, ChoiceByFrenchTextIsStoredAsEnglishText) {
  ValidatedAnswers result = validate(optional_survey(), R"({"topic": "Facturation"})");
  EXPECT_TRUE(result.ok());
  EXPECT_EQ(result.answers["topic"], "Billing");
}

TEST(PrechatAnswers, ChoiceByIndexIsStoredAsEnglishText) {
  ValidatedAnswers result = validate(optional_survey(), R"({"topic": 1})");
  EXPECT_TRUE(result.ok());
  EXPECT_EQ(result.answers["topic"], "Technical");

  Json answers = Json::object();
  answers["topic"] = 0;  // a signed integer, as C++ callers build it
  EXPECT_EQ(validate_answers(optional_survey(), answers).answers["topic"], "Billing");
}

TEST(PrechatAnswers, ChoiceNotAmongTheOptionsIsRejected) {
  ValidatedAnswers result = validate(optional_survey(), R"({"topic": "billing"})");
  ASSERT_EQ(result.errors.size(), 1u);
  EXPECT_EQ(result.errors[0].problem, AnswerProblem::not_an_option);
  EXPECT_EQ(result.errors[0].message.en, "Choose one of the options offered.");
  EXPECT_EQ(result.errors[0].message.fr, "Choisissez une des options proposées.");
  EXPECT_FALSE(result.answers.contains("topic"));
}

TEST(PrechatAnswers, ChoiceIndexOutOfRangeIsRejected) {
  for (const char* index : {"2", "-1", "1.0", "18446744073709551615", "1e300"}) {
    ValidatedAnswers result = validate(optional_survey(), std::string(R"({"topic": )") + index + "}");
    ASSERT_EQ(result.errors.size(), 1u) << index;
    EXPECT_EQ(result.errors[0].problem, AnswerProblem::not_an_option) << index;
  }
}

TEST(PrechatAnswers, RequiredChoiceMissingIsReported) {
  Errors errors;
  PrechatSurvey survey =
      read_questions(R"({"id": "topic", "type": "choice", "label": "Topic", "options": ["A"], "required": true})", errors);
  ValidatedAnswers result = validate(survey, R"({"topic": ""})");
  ASSERT_EQ(result.errors.size(), 1u);
  EXPECT_EQ(result.errors[0].problem, AnswerProblem::required);
  EXPECT_TRUE(validate(survey, R"({"topic": "A"})").ok());
}

TEST(PrechatAnswers, RequiredConsentMustBeTrue) {
  ValidatedAnswers result = validate(design_survey(), R"({"name": "Ada", "gdpr": false})");
  ASSERT_EQ(result.errors.size(), 1u);
  EXPECT_EQ(result.errors[0].question_id, "gdpr");
  EXPECT_EQ(result.errors[0].problem, AnswerProblem::required);
  EXPECT_EQ(result.errors[0].message.en, "You must give your consent to continue.");
  EXPECT_EQ(result.errors[0].message.fr, "Vous devez donner votre accord pour continuer.");
  EXPECT_FALSE(result.answers.contains("gdpr"));
  EXPECT_EQ(result.answers["name"], "Ada");  // the valid answers are still cleaned
}

TEST(PrechatAnswers, RequiredConsentGivenIsAccepted) {
  ValidatedAnswers result = validate(design_survey(), R"({"name": "Ada", "gdpr": true})");
  EXPECT_TRUE(result.ok());
  EXPECT_EQ(result.answers["gdpr"], true);
}

TEST(PrechatAnswers, OptionalConsentRefusedIsKeptAsFalse) {
  ValidatedAnswers result = validate(optional_survey(), R"({"news": false})");
  EXPECT_TRUE(result.ok());
  EXPECT_EQ(result.answers["news"], false);
}

TEST(PrechatAnswers, ConsentAsAStringIsTheWrongType) {
  ValidatedAnswers result = validate(design_survey(), R"({"name": "Ada", "gdpr": "true"})");
  ASSERT_EQ(result.errors.size(), 1u);
  EXPECT_EQ(result.errors[0].problem, AnswerProblem::wrong_type);
}

TEST(PrechatAnswers, RequiredTextMessageIsInFrenchAndEnglish) {
  ValidatedAnswers result = validate(design_survey(), R"({"gdpr": true})");
  ASSERT_EQ(result.errors.size(), 1u);
  EXPECT_EQ(result.errors[0].message.en, "This field is required.");
  EXPECT_EQ(result.errors[0].message.fr, "Ce champ est obligatoire.");
}

TEST(PrechatAnswers, UnknownAnswerIdsAreIgnored) {
  ValidatedAnswers result = validate(optional_survey(), R"({"name": "Ada", "admin": true, "__proto__": {}})");
  EXPECT_TRUE(result.ok());
  EXPECT_EQ(result.answers, parse(R"({"name": "Ada"})"));
}

TEST(PrechatAnswers, AnswersThatAreNotAnObjectCountAsNoAnswers) {
  for (const char* answers : {"null", "[]", "\"name\"", "3"}) {
    ValidatedAnswers result = validate(design_survey(), answers);
    EXPECT_EQ(result.errors.size(), 2u) << answers;
    EXPECT_TRUE(result.answers.is_object() && result.answers.empty()) << answers;
    EXPECT_TRUE(validate(optional_survey(), answers).ok()) << answers;
  }
}

TEST(PrechatAnswers, EmptySurveyAcceptsAnything) {
  ValidatedAnswers result = validate(PrechatSurvey{}, R"({"name": 3})");
  EXPECT_TRUE(result.ok());
  EXPECT_TRUE(result.answers.empty());
}

// ---- For the agent ------------------------------------------------------------------------------

TEST(PrechatAgentView, AnswersAreListedInQuestionOrderWithLocalizedLabels) {
  PrechatSurvey survey = optional_survey();
  ValidatedAnswers result = validate(survey, R"({"news": true, "topic": 0, "name": "Ada", "email": "a@b.co"})");
  ASSERT_TRUE(result.ok());

  EXPECT_EQ(answers_for_agent(survey, result.answers, Locale::en), parse(R"([
    {"id": "name", "label": "Name", "value": "Ada"},
    {"id": "email", "label": "Email", "value": "a@b.co"},
    {"id": "topic", "label": "Topic", "value": "Billing"},
    {"id": "news", "label": "Send me news", "value": "Yes"}])"));

  EXPECT_EQ(answers_for_agent(survey, result.answers, Locale::fr), parse(R"([
    {"id": "name", "label": "Nom", "value": "Ada"},
    {"id": "email", "label": "Email", "value": "a@b.co"},
    {"id": "topic", "label": "Sujet", "value": "Facturation"},
    {"id": "news", "label": "Send me news", "value": "Oui"}])"));
}

TEST(PrechatAgentView, RefusedConsentReadsNo) {
  PrechatSurvey survey = optional_survey();
  Json answers = validate(survey, R"({"news": false})").answers;
  EXPECT_EQ(answers_for_agent(survey, answers, Locale::fr), parse(R"([{"id": "news", "label": "Send me news", "value": "Non"}])"));
}

TEST(PrechatAgentView, UnansweredQuestionsAreLeftOut) {
  PrechatSurvey survey = design_survey();
  Json view = answers_for_agent(survey, parse(R"({"name": "Ada"})"), Locale::en);
  EXPECT_EQ(view, parse(R"([{"id": "name", "label": "Your name", "value": "Ada"}])"));
}

TEST(PrechatAgentView, UncheckedValuesNeverReachTheAgent) {
  PrechatSurvey survey = design_survey();
  Json view = answers_for_agent(survey, parse(R"({"name": ["<b>"], "email": "not an email", "topic": "Sales",
                                                  "gdpr": "yes", "extra": "x"})"),
                                Locale::en);
  EXPECT_EQ(view, Json::array());
}

TEST(PrechatAgentView, AnswersThatAreNotAnObjectGiveAnEmptyList) {
  EXPECT_EQ(answers_for_agent(design_survey(), parse("[1, 2]"), Locale::en), Json::array());
  EXPECT_EQ(answers_for_agent(design_survey(), Json(), Locale::fr), Json::array());
}

}  // namespace
}  // namespace parley
