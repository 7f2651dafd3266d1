//! The closed vocabularies of the domain (agenda item kinds, award forms, issuer levels …),
//! stored as short snake_case strings so SQLite and PostgreSQL hold them alike.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Declares a vocabulary: the enum, its stored string, its Vietnamese label, and the order
/// of declaration (used where the vocabulary has a ceremonial order).
macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $code:literal / $label:literal),+ $(,)? }) => {
        $(#[$meta])*
        // JSON and the OpenAPI schema name each value by its stored code, the one the
        // server accepts. The schema is written here rather than derived: the derive does
        // not see a rename given through the macro and would document the variant names.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum $name { $(#[serde(rename = $code)] $variant),+ }

        impl utoipa::PartialSchema for $name {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                use utoipa::openapi::schema::{ObjectBuilder, Type};
                ObjectBuilder::new()
                    .schema_type(Type::String)
                    .enum_values(Some([$($code),+]))
                    .description(Some([$(concat!($code, " (", $label, ")")),+].join(", ")))
                    .into()
            }
        }

        impl ToSchema for $name {}

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The string stored in the database and sent in JSON.
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            /// The Vietnamese label printed on documents.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }

            pub fn from_code(code: &str) -> Option<Self> {
                match code { $($code => Some($name::$variant),)+ _ => None }
            }

            /// Every accepted code, for error messages.
            pub fn codes() -> String {
                [$($code),+].join(", ")
            }
        }

        impl super::validate::Vocabulary for $name {
            fn from_code(code: &str) -> Option<Self> {
                $name::from_code(code)
            }
            fn codes() -> String {
                $name::codes()
            }
            fn codes_and_labels() -> &'static [(&'static str, &'static str)] {
                &[$(($code, $label)),+]
            }
        }
    };
}

vocabulary! {
    /// Status of a conference.
    ConferenceStatus {
        Draft = "draft" / "Dự thảo",
        Published = "published" / "Đã công bố",
        Archived = "archived" / "Lưu trữ",
    }
}

vocabulary! {
    /// What happens in an agenda item, in the customary order of a review conference.
    AgendaKind {
        Welcome = "welcome" / "Đón tiếp đại biểu",
        Performance = "performance" / "Văn nghệ chào mừng",
        FlagSalute = "flag_salute" / "Chào cờ",
        Opening = "opening" / "Tuyên bố lý do, giới thiệu đại biểu",
        Report = "report" / "Báo cáo tổng kết",
        Contribution = "contribution" / "Tham luận",
        Discussion = "discussion" / "Thảo luận",
        AwardCeremony = "award_ceremony" / "Công bố quyết định khen thưởng, trao thưởng",
        DirectiveSpeech = "directive_speech" / "Phát biểu chỉ đạo",
        Reply = "reply" / "Tiếp thu ý kiến chỉ đạo",
        PledgeSigning = "pledge_signing" / "Ký giao ước thi đua",
        Break = "break" / "Giải lao",
        Closing = "closing" / "Bế mạc",
        Other = "other" / "Khác",
    }
}

vocabulary! {
    /// Form of address printed before a name.
    Honorific {
        Ong = "ong" / "Ông",
        Ba = "ba" / "Bà",
        DongChi = "dong_chi" / "Đồng chí",
    }
}

vocabulary! {
    /// Category of an attendee (đại biểu).
    AttendeeCategory {
        Leader = "leader" / "Lãnh đạo",
        Guest = "guest" / "Khách mời",
        Delegate = "delegate" / "Đại biểu",
        Press = "press" / "Phóng viên",
        Staff = "staff" / "Phục vụ",
    }
}

vocabulary! {
    /// Where an attendee stands on the day.
    Attendance {
        Invited = "invited" / "Đã mời",
        Confirmed = "confirmed" / "Xác nhận dự",
        Declined = "declined" / "Vắng",
        CheckedIn = "checked_in" / "Đã điểm danh",
    }
}

vocabulary! {
    /// Kind of speech.
    SpeechKind {
        ReviewReport = "review_report" / "Báo cáo tổng kết",
        Contribution = "contribution" / "Tham luận",
        Directive = "directive" / "Phát biểu chỉ đạo",
        Reply = "reply" / "Tiếp thu ý kiến chỉ đạo",
        Other = "other" / "Phát biểu",
    }
}

vocabulary! {
    /// Level of an issuer; declared from the highest, the order of the ceremony.
    IssuerLevel {
        Central = "central" / "Trung ương",
        Province = "province" / "Tỉnh",
        District = "district" / "Huyện",
        Commune = "commune" / "Xã",
        Agency = "agency" / "Cơ quan",
    }
}

vocabulary! {
    /// Form of award, declared from the highest (Law on Emulation and Commendation 2022).
    AwardForm {
        Medal = "huan_chuong" / "Huân chương",
        Decoration = "huy_chuong" / "Huy chương",
        Title = "title" / "Danh hiệu",
        CertificateOfMerit = "bang_khen" / "Bằng khen",
        Commendation = "giay_khen" / "Giấy khen",
    }
}

vocabulary! {
    /// Whether a recipient is a collective (tập thể) or an individual (cá nhân).
    RecipientKind {
        Collective = "collective" / "tập thể",
        Individual = "individual" / "cá nhân",
    }
}
