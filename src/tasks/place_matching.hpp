#pragma once
// Proposing which features a task is about, from its text. Vietnamese-aware:
// diacritics folded, the plans' abbreviations expanded (KCN, KKT, Khu TMTD,
// TTLG, ICD…), berth numbers read ("bến 7-8", "các bến 7, 8, 9") and compared
// with the berths a terminal's name gives. A feature name is split into its
// kind words ("Trung tâm logistics", "Bến cảng") and its proper name
// ("Lạch Huyện"); the score weighs the proper name most.
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace logiplan::tasks {

struct Candidate {
  std::string feature_id;
  std::string kind;   // the project's kind, e.g. terminal
  std::string name;
  std::string layer;  // sites, areas, corridors
};

struct Match {
  std::string feature_id;
  double score = 0;       // 0..1
  std::string matched;    // what in the text matched, for the planner to judge
  std::string role;       // suggested link role
};

// Words of a text after folding and expanding abbreviations, e.g.
// "KCN Đình Vũ" -> {"khu", "cong", "nghiep", "dinh", "vu"}.
std::vector<std::string> normalized_words(std::string_view text);

// Berth numbers a text names: "bến 7-8" -> {7, 8}; "các bến 7, 8, 9" -> {7, 8, 9}.
std::set<int> berth_numbers(std::string_view text);

class PlaceMatcher {
 public:
  explicit PlaceMatcher(std::vector<Candidate> candidates);
  // Matches at or above min_score, best first.
  std::vector<Match> match(std::string_view task_text, double min_score = 0.5) const;

 private:
  struct Entry {
    Candidate candidate;
    std::vector<std::vector<std::string>> main_names;   // proper-name phrases of the name's head
    std::vector<std::vector<std::string>> qualifiers;   // phrases in brackets / after a dash
    std::vector<std::vector<std::string>> kind_phrases;
    std::set<int> berths;
  };
  std::vector<Entry> entries_;
};

}  // namespace logiplan::tasks
