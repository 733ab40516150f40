#include <gtest/gtest.h>

#include "text/fold.hpp"

using namespace logiplan::text;

TEST(Fold, VietnameseNamesFoldToAscii) {
  EXPECT_EQ(fold_ascii("Lạch Huyện"), "Lach Huyen");
  EXPECT_EQ(fold_ascii("Đình Vũ – Cát Hải"), "Dinh Vu - Cat Hai");
  EXPECT_EQ(fold_ascii("Nam Đồ Sơn"), "Nam Do Son");
  EXPECT_EQ(fold_ascii("Hữu Nghị"), "Huu Nghi");
  EXPECT_EQ(fold_ascii("ƯỚC ƠN ẮT ẶN ỳ ỹ"), "UOC ON AT AN y y");
}

TEST(Fold, DecomposedInputFoldsLikePrecomposed) {
  // "Lạch Huyện" in NFD: a + U+0323 (dot below), e + U+0302 + U+0323.
  EXPECT_EQ(fold_ascii("La\xCC\xA3" "ch Huye\xCC\x82\xCC\xA3n"), "Lach Huyen");
}

TEST(Fold, MatchKeyIgnoresCaseSpacingAndDiacritics) {
  EXPECT_EQ(match_key("  Lạch   HUYỆN "), "lach huyen");
  EXPECT_EQ(match_key("Lach Huyen"), match_key("Lạch Huyện"));
}

TEST(Fold, SlugifyMakesIds) {
  EXPECT_EQ(slugify("Bến số 1–2 Lạch Huyện (HICT)"), "ben-so-1-2-lach-huyen-hict");
  EXPECT_EQ(slugify("  --Đình Vũ--  "), "dinh-vu");
}

TEST(Fold, Utf8Validation) {
  EXPECT_TRUE(is_valid_utf8("Hải Phòng"));
  // "Hải" in Windows-1258 is H, 0xE2, 0xD2 (combining hook), i: not UTF-8.
  EXPECT_FALSE(is_valid_utf8("H\xE2\xD2i"));
  EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));  // overlong '/'
  EXPECT_EQ(fold_ascii("H\xE2\xD2i"), "H??i");  // malformed bytes stay visible
}

TEST(TextFold, TruncateCountsCharactersNotBytes) {
  EXPECT_EQ(logiplan::text::truncate("Lạch Huyện", 4), "Lạch…");
  EXPECT_EQ(logiplan::text::truncate("Lạch Huyện", 10), "Lạch Huyện");
  EXPECT_EQ(logiplan::text::truncate("- a\n- b", 10), "- a - b");
}
