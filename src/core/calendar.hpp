#pragma once
// Calendar dates as day numbers (days since 1970-01-01, proleptic Gregorian), for the visits'
// due dates and the month's working days. Years 1900–2199 only: a date outside is a mistake.
#include <optional>
#include <string>

namespace coverplan {

struct CivilDate {
    int year = 1970, month = 1, day = 1;
};

int days_from_civil(CivilDate d);
CivilDate civil_from_days(int days);
int days_in_month(int year, int month);
// 0 = Monday … 6 = Sunday.
int weekday(int days);

// "YYYY-MM-DD" (also "YYYY/MM/DD" and "YYYY-MM-DDThh:mm…", the time ignored) → day number;
// nullopt when it is not a date that exists in 1900–2199.
std::optional<int> parse_date(const std::string& text);
std::string format_date(int days);  // YYYY-MM-DD

// A month as year × 12 + (month − 1), for whole-month arithmetic.
int month_index(int days);
// "YYYY-MM" → month index; nullopt when malformed or outside 1900–2199.
std::optional<int> parse_month(const std::string& text);
std::string format_month(int month_index);  // YYYY-MM
int first_day_of_month(int month_index);

// A time of day, "HH:MM" or "H:MM" (24-hour) → minutes after midnight; nullopt when malformed.
std::optional<int> parse_clock(const std::string& text);

// The hours of the day a beneficiary may be visited (约定走访时段): minutes after midnight, the
// visit starting within [from, to].
struct TimeWindow {
    int from = 0;
    int to = 24 * 60;
};
// "16:00-18:00", "16:00-" (from 16:00), "-11:30" (until 11:30), "16:00后" / "16:00以后", "11:30前" /
// "11:30以前"; the dash may be -, –, —, ~, ～ or 至, with spaces around. nullopt when malformed or
// when from is not before to.
std::optional<TimeWindow> parse_time_window(const std::string& text);

// Today by the machine's local clock.
int today_days();

}  // namespace coverplan
