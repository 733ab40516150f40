#include "tasks/place_matching.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <regex>

#include "text/fold.hpp"

namespace logiplan::tasks {

namespace {

using Phrase = std::vector<std::string>;

// Abbreviations in the plans and the words they stand for.
const std::map<std::string, Phrase>& abbreviations() {
  static const std::map<std::string, Phrase> m = {
      {"kcn", {"khu", "cong", "nghiep"}}, {"ccn", {"cum", "cong", "nghiep"}}, {"kkt", {"khu", "kinh", "te"}},
      {"tmtd", {"thuong", "mai", "tu", "do"}}, {"ttlg", {"trung", "tam", "logistics"}}, {"icd", {"cang", "can"}},
      {"hp", {"hai", "phong"}}, {"tp", {"thanh", "pho"}}, {"ftz", {"khu", "thuong", "mai", "tu", "do"}},
  };
  return m;
}

// Kind words a feature name may begin with, longest first within each kind.
const std::map<std::string, std::vector<Phrase>>& kind_phrases() {
  static const std::map<std::string, std::vector<Phrase>> m = {
      {"seaport", {{"khu", "ben", "cang"}, {"cang", "cua", "ngo"}, {"cang", "bien"}, {"cum", "cang", "song"}, {"cang"}}},
      // Not "bến" alone: folded, it is also "bền" (bền vững, sustainable).
      {"terminal", {{"ben", "container", "so"}, {"ben", "cang"}, {"ben", "so"}, {"cac", "ben"}, {"ben", "container"}}},
      {"logistics_centre", {{"trung", "tam", "logistics"}}},
      {"free_trade_zone", {{"khu", "thuong", "mai", "tu", "do"}}},
      {"economic_zone", {{"khu", "kinh", "te"}}},
      {"icd", {{"cang", "can"}}},
      {"industrial_park", {{"khu", "cong", "nghiep"}}},
      {"border_gate", {{"cua", "khau", "quoc", "te"}, {"cua", "khau"}}},
      {"airport", {{"cang", "hang", "khong", "quoc", "te"}, {"cang", "hang", "khong"}, {"san", "bay"}}},
      {"rail_station", {{"ga"}}},
      {"corridor_link", {{"duong", "va", "cau"}, {"hanh", "lang"}, {"duong"}, {"cau"}, {"tuyen"}}},
  };
  return m;
}

// Words that never identify a place on their own.
const std::vector<Phrase>& generic_phrases() {
  static const std::vector<Phrase> g = {{"hai", "phong"}, {"hang", "khong"}, {"quoc", "te"}, {"cap", "vung"},
                                        {"giai", "doan"}, {"vi", "tri"}, {"so"}};
  return g;
}

// Words that only begin a qualifier ("xã Chấn Hưng", "đảo Cát Hải"); inside a
// name they are part of it ("Đoạn Xá" folds to "doan xa").
const std::vector<Phrase>& leading_words() {
  static const std::vector<Phrase> g = {{"xa"}, {"phuong"}, {"dao"}};
  return g;
}

bool starts_with(const Phrase& words, std::size_t at, const Phrase& p) {
  if (at + p.size() > words.size()) return false;
  return std::equal(p.begin(), p.end(), words.begin() + static_cast<std::ptrdiff_t>(at));
}

bool is_number(const std::string& w) { return !w.empty() && std::all_of(w.begin(), w.end(), ::isdigit); }

// The proper name left after the kind words at the start and generic words anywhere.
Phrase proper_name(Phrase words, const std::vector<Phrase>& kinds) {
  for (const auto& k : kinds) {
    if (starts_with(words, 0, k)) {
      words.erase(words.begin(), words.begin() + static_cast<std::ptrdiff_t>(k.size()));
      break;
    }
  }
  for (const auto& l : leading_words()) {
    if (starts_with(words, 0, l)) words.erase(words.begin());
  }
  Phrase out;
  for (std::size_t i = 0; i < words.size();) {
    bool skipped = false;
    for (const auto& g : generic_phrases()) {
      if (starts_with(words, i, g)) {
        i += g.size();
        skipped = true;
        break;
      }
    }
    if (skipped) continue;
    if (!is_number(words[i])) out.push_back(words[i]);
    ++i;
  }
  // A name that is only a number ("Bến cảng 128") keeps it.
  if (out.empty()) {
    for (const auto& w : words) {
      if (is_number(w)) out.push_back(w);
    }
  }
  return out;
}

std::string joined(const Phrase& p) {
  std::string s;
  for (const auto& w : p) s += (s.empty() ? "" : " ") + w;
  return s;
}

// The longest run of the phrase's words found together in the text, as a
// fraction of the phrase ("cat bi" in "trung tam logistics cat bi": 1.0).
double coverage(const Phrase& name, const std::string& padded_text, std::string* best_run) {
  std::size_t best = 0;
  for (std::size_t i = 0; i < name.size(); ++i) {
    for (std::size_t j = name.size(); j > i + best; --j) {
      const Phrase run(name.begin() + static_cast<std::ptrdiff_t>(i), name.begin() + static_cast<std::ptrdiff_t>(j));
      // One word of a longer name ("doan" of Đoạn Xá in "giai đoạn", "dinh" of
      // Nam Đình Vũ) is too ambiguous to count; a one-word name needs 4 letters.
      if (run.size() == 1 && (name.size() > 1 || (run[0].size() < 4 && !is_number(run[0])))) continue;
      if (padded_text.find(" " + joined(run) + " ") != std::string::npos) {
        best = j - i;
        if (best_run) *best_run = joined(run);
        break;
      }
    }
  }
  return name.empty() ? 0.0 : static_cast<double>(best) / static_cast<double>(name.size());
}

// Segments of a name: the head, dash-separated parts, bracketed qualifiers.
struct NameParts {
  std::vector<std::string> heads;       // "Đình Vũ" and "Cát Hải" in "… Đình Vũ – Cát Hải"
  std::vector<std::string> qualifiers;  // "(đảo Cát Hải)", "— Cảng … (HICT)", "– vị trí 3"
};

NameParts split_name(const std::string& name) {
  NameParts parts;
  std::string ascii = text::fold_ascii(name);  // dashes are ASCII '-' after folding
  std::string current;
  bool in_bracket = false, after_em_dash = false;
  const auto flush = [&](bool qualifier) {
    if (!current.empty()) (qualifier ? parts.qualifiers : parts.heads).push_back(current);
    current.clear();
  };
  for (std::size_t i = 0; i < ascii.size(); ++i) {
    const char c = ascii[i];
    if (c == '(') {
      flush(after_em_dash || in_bracket);
      in_bracket = true;
    } else if (c == ')') {
      flush(true);
      in_bracket = false;
    } else if (c == '-' && i > 0 && ascii[i - 1] == ' ' && i + 1 < ascii.size() && ascii[i + 1] == ' ' && !in_bracket) {
      // " - " (from an en or em dash): the next part qualifies when it says "vị trí"
      // or when a long em-dash title follows; otherwise it names a second place.
      flush(after_em_dash);
      const std::string rest = text::match_key(ascii.substr(i + 1));
      if (rest.rfind("vi tri", 0) == 0 || name.find("\xE2\x80\x94") != std::string::npos) after_em_dash = true;
    } else if (c == ',' && in_bracket) {
      flush(true);
    } else {
      current += c;
    }
  }
  flush(after_em_dash || in_bracket);
  return parts;
}

}  // namespace

std::vector<std::string> normalized_words(std::string_view text) {
  const std::string key = text::match_key(text);
  std::vector<std::string> words;
  std::string w;
  const auto push = [&] {
    if (w.empty()) return;
    if (const auto it = abbreviations().find(w); it != abbreviations().end()) {
      // "Khu TMTD" -> "khu thuong mai tu do", not "khu khu thuong…"
      const auto& exp = it->second;
      std::size_t skip = !words.empty() && words.back() == exp.front() ? 1 : 0;
      words.insert(words.end(), exp.begin() + static_cast<std::ptrdiff_t>(skip), exp.end());
    } else {
      words.push_back(w);
    }
    w.clear();
  };
  for (char c : key) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      w += c;
    } else {
      push();
    }
  }
  push();
  return words;
}

std::set<int> berth_numbers(std::string_view text) {
  static const std::regex re(R"(\bben\s+(?:container\s+)?(?:so\s+)?(\d{1,2}(?:\s*(?:-|,|va|den)\s*\d{1,2})*))");
  static const std::regex item(R"((\d{1,2})(?:\s*(?:-|den)\s*(\d{1,2}))?)");
  const std::string key = text::match_key(text);
  std::set<int> out;
  for (auto it = std::sregex_iterator(key.begin(), key.end(), re); it != std::sregex_iterator(); ++it) {
    const std::string list = (*it)[1].str();
    for (auto jt = std::sregex_iterator(list.begin(), list.end(), item); jt != std::sregex_iterator(); ++jt) {
      const int a = std::stoi((*jt)[1].str());
      const int b = (*jt)[2].matched ? std::stoi((*jt)[2].str()) : a;
      for (int n = a; n <= b && n - a < 50; ++n) out.insert(n);
    }
  }
  return out;
}

PlaceMatcher::PlaceMatcher(std::vector<Candidate> candidates) {
  for (auto& c : candidates) {
    Entry e;
    const auto kp = kind_phrases().find(c.kind);
    std::vector<Phrase> kinds = kp == kind_phrases().end() ? std::vector<Phrase>{} : kp->second;
    // Heads may begin with any kind's words ("Cảng cạn" names an ICD).
    std::vector<Phrase> all_kinds;
    for (const auto& [k, phrases] : kind_phrases()) all_kinds.insert(all_kinds.end(), phrases.begin(), phrases.end());
    std::sort(all_kinds.begin(), all_kinds.end(), [](const Phrase& a, const Phrase& b) { return a.size() > b.size(); });
    const auto parts = split_name(c.name);
    for (const auto& h : parts.heads) {
      if (auto p = proper_name(normalized_words(h), all_kinds); !p.empty()) e.main_names.push_back(std::move(p));
    }
    for (const auto& q : parts.qualifiers) {
      if (auto p = proper_name(normalized_words(q), all_kinds); !p.empty()) e.qualifiers.push_back(std::move(p));
    }
    e.kind_phrases = kinds;
    e.berths = berth_numbers(parts.heads.empty() ? c.name : parts.heads.front());
    e.candidate = std::move(c);
    entries_.push_back(std::move(e));
  }
}

std::vector<Match> PlaceMatcher::match(std::string_view task_text, double min_score) const {
  const auto words = normalized_words(task_text);
  const std::string padded = " " + joined(words) + " ";
  const auto text_berths = berth_numbers(task_text);
  std::vector<Match> out;
  for (const auto& e : entries_) {
    std::vector<std::string> why;
    bool kind_hit = false;
    for (const auto& k : e.kind_phrases) {
      if (padded.find(" " + joined(k) + " ") != std::string::npos) {
        kind_hit = true;
        why.push_back(joined(k));
        break;
      }
    }
    double score = 0;
    if (e.main_names.empty()) {
      // Named by its kind alone (the FTZ: "Khu thương mại tự do Hải Phòng").
      score = kind_hit ? 0.9 : 0.0;
    } else {
      double sum = 0;
      for (const auto& n : e.main_names) {
        std::string run;
        sum += coverage(n, padded, &run);
        if (!run.empty()) why.push_back(run);
      }
      score = 0.6 * sum / static_cast<double>(e.main_names.size()) + (kind_hit ? 0.4 : 0.0);
    }
    if (score > 0) {
      for (const auto& q : e.qualifiers) {
        std::string run;
        if (coverage(q, padded, &run) == 1.0) {
          score = std::min(1.0, score + 0.1);
          why.push_back(run);
          break;
        }
      }
    }
    if (!e.berths.empty() && score > 0) {
      // A terminal named by berth numbers matches only the berths the text names.
      std::size_t common = 0;
      for (int b : e.berths) common += text_berths.count(b);
      const double factor = text_berths.empty() ? 0.5 : common == e.berths.size() ? 1.0 : common ? 0.75 : 0.0;
      score *= factor;
      if (common) why.push_back(fmt::format("berths {}", fmt::join(e.berths, ", ")));
    }
    if (score + 1e-9 < min_score) continue;
    const std::string role = e.candidate.layer == "corridors" ? "corridor" : e.candidate.layer == "areas" ? "area" : "site";
    std::sort(why.begin(), why.end());
    why.erase(std::unique(why.begin(), why.end()), why.end());
    out.push_back({e.candidate.feature_id, std::round(score * 100) / 100, fmt::format("{}", fmt::join(why, "; ")), role});
  }
  std::stable_sort(out.begin(), out.end(), [](const Match& a, const Match& b) { return a.score > b.score; });
  return out;
}

}  // namespace logiplan::tasks
