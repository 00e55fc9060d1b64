//! Signed, expiring links to uploaded images, for networks that fetch a post's images by URL
//! themselves (Instagram, Threads, Facebook) and have no session with Herald.
use crate::server::crypto::Cipher;
use chrono::{DateTime, Utc};
use serde::Deserialize;
use uuid::Uuid;

/// Long enough for a network to fetch the image during a publish and its retries.
const VALID_FOR: chrono::Duration = chrono::Duration::hours(24);

/// `?expires=…&signature=…` on `/media/{id}`.
#[derive(Debug, Deserialize)]
pub struct Signed {
    pub expires: i64,
    pub signature: String,
}

fn message(id: Uuid, expires: i64) -> String {
    format!("media:{id}:{expires}")
}

pub fn public_url(cipher: &Cipher, base_url: &str, id: Uuid, now: DateTime<Utc>) -> String {
    let expires = (now + VALID_FOR).timestamp();
    let signature = cipher.sign_link(&message(id, expires));
    format!("{base_url}/media/{id}?expires={expires}&signature={signature}")
}

/// True when the link was signed by this server for this image and has not expired.
pub fn is_valid(cipher: &Cipher, id: Uuid, link: &Signed, now: DateTime<Utc>) -> bool {
    link.expires >= now.timestamp() && cipher.verify_link(&message(id, link.expires), &link.signature)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(url: &str) -> Signed {
        let query = url.split_once('?').unwrap().1;
        let pairs: std::collections::HashMap<_, _> = url::form_urlencoded::parse(query.as_bytes()).collect();
        Signed {
            expires: pairs["expires"].parse().unwrap(),
            signature: pairs["signature"].to_string(),
        }
    }

    #[test]
    fn a_link_opens_its_own_image_until_it_expires() {
        let cipher = Cipher::from_key(&[3; 32]);
        let (id, other) = (Uuid::new_v4(), Uuid::new_v4());
        let now = Utc::now();
        let url = public_url(&cipher, "https://herald.example", id, now);
        assert!(url.starts_with(&format!("https://herald.example/media/{id}?expires=")));
        let link = parse(&url);
        assert!(is_valid(&cipher, id, &link, now));
        assert!(!is_valid(&cipher, other, &link, now), "not another image");
        assert!(!is_valid(
            &cipher,
            id,
            &link,
            now + VALID_FOR + chrono::Duration::seconds(1)
        ));
        let stretched = Signed {
            expires: link.expires + 3600,
            ..link
        };
        assert!(!is_valid(&cipher, id, &stretched, now), "the expiry is signed");
    }
}
