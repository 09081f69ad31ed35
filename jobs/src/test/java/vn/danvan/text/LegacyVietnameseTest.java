package vn.danvan.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LegacyVietnameseTest {

  @ParameterizedTest(name = "[{index}] ''{0}'' → ''{1}''")
  @CsvSource({
    // TCVN3 (.VnTime) read as Latin-1, the examples of DOMAIN.md.
    "Lµo Cai, Lào Cai",
    "B¶o Yªn, Bảo Yên",
    "X· Xu©n Hßa, Xã Xuân Hòa",
    "Th\u00b8i Ni\u00aan, Thái Niên",
    "\u00a7\u00a8ng k\u00fd, Đăng ký",
    // VNI.
    "Laøo Cai, Lào Cai",
    "Baûo Yeân, Bảo Yên",
    "Xuaân Hoøa, Xuân Hòa",
    "Möôøng Khöông, Mường Khương",
    "Ñieän Quan, Điện Quan",
    "Nghóa Ñoâ, Nghĩa Đô",
  })
  void convertsLegacyEncodedText(String legacy, String unicode) {
    assertThat(LegacyVietnamese.repair(legacy)).isEqualTo(unicode);
  }

  @ParameterizedTest(name = "[{index}] ''{0}'' stays as it is")
  @CsvSource({
    "Xã Xuân Hòa",
    "Quê hương Bảo Yên",
    "Thuê khoán",
    "Mường Khương",
    "Café René",
    "Hội nghị tổng kết",
    "42",
  })
  void leavesUnicodeTextAlone(String text) {
    assertThat(LegacyVietnamese.repair(text)).isEqualTo(text);
    String decomposed = java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFD);
    assertThat(LegacyVietnamese.repair(decomposed))
        .as("decomposed, as Windows-1258 has it")
        .isEqualTo(text);
  }
}
