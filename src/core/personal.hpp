#pragma once
// Values that look like personal identifiers (DESIGN §12). coverplan reads only the fields a
// project maps; a field mapped by mistake to a beneficiary's ID number, phone or name must not
// become a channel for them. Every value read is tested, and one that looks personal stops the
// load with a message that says what kind of value it is, never the value.
#include <optional>
#include <string_view>

#include "core/error.hpp"

namespace coverplan {

enum class PersonalKind {
    resident_id,  // 18-character resident identity number (GB 11643): a province, a birth date, a valid check character
    mobile,       // 11-digit mainland mobile number (1[3-9]…), optionally +86 and separators
    name,         // 2–4 Han characters starting with a common surname, not a place name
};

// ID numbers and mobile numbers: looked for in every field.
std::optional<PersonalKind> identifier_kind(std::string_view value);
// A person's name where a code or a number is expected (a surname followed by one to three Han
// characters, not ending as a place name does: 村, 镇, 屋, 围 …).
bool looks_like_person_name(std::string_view value);

// "an ID number" / "一个身份证号" for messages.
Text personal_kind_text(PersonalKind kind);

// How a value from a beneficiary's record is shown in a message: never itself, only its length.
Text withheld_value(std::string_view value);

// GB 11643-1999 check character (ISO 7064 MOD 11-2) of the first 17 digits; 0 when they are not digits.
char resident_id_check(std::string_view first17);

}  // namespace coverplan
