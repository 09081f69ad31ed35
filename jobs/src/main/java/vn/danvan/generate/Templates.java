package vn.danvan.generate;

import java.util.List;

/** The headers of the district report templates the generator writes, in Vietnamese. */
final class Templates {

  static final List<String> DIALOGUES =
      List.of(
          "STT",
          "Mã cuộc",
          "Ngày tổ chức",
          "Tên xã",
          "Cấp chủ trì",
          "Chức danh người chủ trì",
          "Hình thức",
          "Đối tượng",
          "Số người tham dự",
          "Số ý kiến kiến nghị",
          "Số ý kiến trả lời tại chỗ",
          "Số phiếu thu về",
          "Số phiếu hài lòng",
          "Ghi chú");

  static final List<String> PETITIONS =
      List.of(
          "STT",
          "Mã ý kiến",
          "Mã cuộc đối thoại",
          "Ngày nêu",
          "Lĩnh vực",
          "Trả lời tại chỗ",
          "Ngày giải quyết",
          "Người kiến nghị",
          "Số điện thoại");

  static final List<String> OUTREACH =
      List.of(
          "STT",
          "Mã",
          "Ngày tổ chức",
          "Tên xã",
          "Đơn vị tổ chức",
          "Nội dung tuyên truyền",
          "Ngôn ngữ",
          "Số cuộc",
          "Số lượt người nghe");

  static final List<String> DRIVES =
      List.of(
          "STT",
          "Mã",
          "Ngày thực hiện",
          "Tên xã",
          "Tên hoạt động",
          "Số người tham gia",
          "Số ngày công",
          "Giá trị huy động");

  static final List<String> MODELS =
      List.of(
          "STT",
          "Mã mô hình",
          "Tên xã",
          "Tên mô hình",
          "Tập thể/cá nhân",
          "Lĩnh vực",
          "Ngày đăng ký",
          "Trạng thái",
          "Ngày cập nhật",
          "Cấp công nhận");

  /** The title block above a kind's table. */
  static String title(String kind) {
    return switch (kind) {
      case "dialogues" ->
          "BÁO CÁO KẾT QUẢ TIẾP XÚC, ĐỐI THOẠI TRỰC TIẾP GIỮA NGƯỜI ĐỨNG ĐẦU CẤP ỦY, CHÍNH QUYỀN VỚI"
              + " NHÂN DÂN";
      case "petitions" -> "TỔNG HỢP Ý KIẾN, KIẾN NGHỊ CỦA NHÂN DÂN TẠI CÁC BUỔI ĐỐI THOẠI";
      case "outreach" -> "KẾT QUẢ CÔNG TÁC TUYÊN TRUYỀN, VẬN ĐỘNG NHÂN DÂN";
      case "drives" -> "KẾT QUẢ CÁC ĐỢT RA QUÂN, HOẠT ĐỘNG DÂN VẬN TẠI CƠ SỞ";
      default -> "DANH SÁCH MÔ HÌNH, ĐIỂN HÌNH \"DÂN VẬN KHÉO\"";
    };
  }

  private Templates() {}
}
