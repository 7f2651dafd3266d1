//! Who may do what: site admins everything; per conference an owner manages members, an
//! editor changes data and prints, a viewer reads; anyone may read a published conference's
//! public views (programme, award summary).

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A role in one conference, from the least to the most.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Viewer,
    Editor,
    Owner,
}

impl Role {
    pub fn code(self) -> &'static str {
        match self {
            Role::Viewer => "viewer",
            Role::Editor => "editor",
            Role::Owner => "owner",
        }
    }

    pub fn from_code(code: &str) -> Option<Role> {
        match code {
            "viewer" => Some(Role::Viewer),
            "editor" => Some(Role::Editor),
            "owner" => Some(Role::Owner),
            _ => None,
        }
    }
}

/// Who is asking.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Actor {
    Anonymous,
    User {
        id: i32,
        email: String,
        is_admin: bool,
    },
    /// The machine's operator at the command line, working on the local database.
    Operator,
}

impl Actor {
    pub fn user_id(&self) -> Option<i32> {
        match self {
            Actor::User { id, .. } => Some(*id),
            _ => None,
        }
    }

    /// How the audit log names the actor.
    pub fn label(&self) -> String {
        match self {
            Actor::Anonymous => "anonymous".into(),
            Actor::User { email, .. } => email.clone(),
            Actor::Operator => "cli".into(),
        }
    }

    pub fn is_superuser(&self) -> bool {
        matches!(self, Actor::Operator | Actor::User { is_admin: true, .. })
    }
}

/// What a request needs of a conference.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    /// The public views of a published conference; otherwise viewer.
    PublicRead,
    Read,
    Write,
    Own,
}

/// What a route or a page needs of the user in its conference, as a type, so that the
/// extractor that enters it (`api::extract::Allowed`, `web::page::In`) checks it first.
pub trait Needs {
    const NEED: Need;
}

/// Any member (a viewer reads).
pub struct Reads;
/// An editor or the owner (what changes the conference).
pub struct Writes;
/// The owner (members, deletion).
pub struct Owns;

impl Needs for Reads {
    const NEED: Need = Need::Read;
}
impl Needs for Writes {
    const NEED: Need = Need::Write;
}
impl Needs for Owns {
    const NEED: Need = Need::Own;
}

/// The answer, before it becomes an HTTP status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Allowed,
    /// Not signed in, and the conference is not public for this request (401).
    SignIn,
    /// Signed in, can see the conference, may not do this (403).
    Forbidden,
    /// Cannot even see the conference: answered as if it did not exist (404).
    Hidden,
}

pub fn decide(actor: &Actor, role: Option<Role>, published: bool, need: Need) -> Verdict {
    if actor.is_superuser() {
        return Verdict::Allowed;
    }
    let needed = match need {
        Need::PublicRead if published => return Verdict::Allowed,
        Need::PublicRead | Need::Read => Role::Viewer,
        Need::Write => Role::Editor,
        Need::Own => Role::Owner,
    };
    match (actor, role) {
        (_, Some(r)) if r >= needed => Verdict::Allowed,
        (_, Some(_)) => Verdict::Forbidden,
        (Actor::Anonymous, None) => Verdict::SignIn,
        (_, None) if published => Verdict::Forbidden,
        (_, None) => Verdict::Hidden,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user() -> Actor {
        Actor::User {
            id: 1,
            email: "a@b.vn".into(),
            is_admin: false,
        }
    }

    #[test]
    fn the_rules() {
        assert_eq!(
            decide(&Actor::Anonymous, None, true, Need::PublicRead),
            Verdict::Allowed
        );
        assert_eq!(
            decide(&Actor::Anonymous, None, true, Need::Read),
            Verdict::SignIn
        );
        assert_eq!(
            decide(&Actor::Anonymous, None, false, Need::PublicRead),
            Verdict::SignIn
        );
        assert_eq!(decide(&user(), None, false, Need::Read), Verdict::Hidden);
        assert_eq!(decide(&user(), None, true, Need::Write), Verdict::Forbidden);
        assert_eq!(
            decide(&user(), Some(Role::Viewer), false, Need::Read),
            Verdict::Allowed
        );
        assert_eq!(
            decide(&user(), Some(Role::Viewer), false, Need::Write),
            Verdict::Forbidden
        );
        assert_eq!(
            decide(&user(), Some(Role::Editor), false, Need::Write),
            Verdict::Allowed
        );
        assert_eq!(
            decide(&user(), Some(Role::Editor), false, Need::Own),
            Verdict::Forbidden
        );
        assert_eq!(
            decide(&Actor::Operator, None, false, Need::Own),
            Verdict::Allowed
        );
    }
}
