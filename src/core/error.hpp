#pragma once
// Exceptions inside, exit codes at the edge (DESIGN §12).
#include <stdexcept>
#include <string>

namespace coverplan {

enum class ExitCode : int {
    ok = 0,
    violations = 1,   // the check found violations and --fail-on-violation was given
    usage = 2,        // command line or project file
    input = 3,        // input data
    output = 4,       // writing outputs
    internal = 70,
};

// A message a planner can read, in both languages the tool speaks.
struct Text {
    std::string en;
    std::string zh;
    const std::string& in(bool chinese) const { return chinese ? zh : en; }
};

// Where in the input a problem is: every field optional, formatted as far as known.
struct Where {
    Where() = default;
    explicit Where(std::string file_, std::string layer_ = "", long long feature_ = -1, std::string field_ = "")
        : file(std::move(file_)), layer(std::move(layer_)), feature(feature_), field(std::move(field_)) {}

    std::string file;
    std::string layer;
    long long feature = -1;   // feature id (FID) as GDAL reports it; -1 when not about one feature
    std::string field;
    long long line = -1;      // line in a text file (CSV), where the reader knows it

    Text describe() const;
};

class Error : public std::runtime_error {
public:
    Error(ExitCode code, Text text)
        : std::runtime_error(text.en), m_code(code), m_text(std::move(text)) {}
    ExitCode code() const { return m_code; }
    const Text& text() const { return m_text; }

private:
    ExitCode m_code;
    Text m_text;
};

// "<where>: expected <expected>, found <found>. <hint>"
Text located(const Where& where, const Text& problem);

class UsageError : public Error {
public:
    explicit UsageError(Text text) : Error(ExitCode::usage, std::move(text)) {}
};

class InputError : public Error {
public:
    explicit InputError(Text text) : Error(ExitCode::input, std::move(text)) {}
    InputError(const Where& where, const Text& problem) : Error(ExitCode::input, located(where, problem)) {}
};

class OutputError : public Error {
public:
    explicit OutputError(Text text) : Error(ExitCode::output, std::move(text)) {}
};

}  // namespace coverplan
