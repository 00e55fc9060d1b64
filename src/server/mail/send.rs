use crate::server::config::Settings;
use crate::server::db::outbox;
use anyhow::Context;
use chrono::Utc;
use lettre::message::{Mailbox, header::ContentType};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use secrecy::ExposeSecret;
use sqlx::PgPool;

/// Tries per message while the server answers "not now" (4xx).
const MAX_ATTEMPTS: i32 = 5;

/// What every message carries: the sender, and where links point.
pub struct Letterhead {
    from: Mailbox,
    base_url: String,
    host: String,
}

impl Letterhead {
    pub fn new(from: &str, base_url: &str) -> anyhow::Result<Self> {
        let from = from
            .parse()
            .with_context(|| format!("smtp.from “{from}” is not an address"))?;
        let host = url::Url::parse(base_url)
            .ok()
            .and_then(|url| url.host_str().map(str::to_owned))
            .unwrap_or_else(|| "herald.invalid".into());
        Ok(Self {
            from,
            base_url: base_url.trim_end_matches('/').to_owned(),
            host,
        })
    }

    fn build(&self, mail: &outbox::Claimed) -> anyhow::Result<Message> {
        let to: Mailbox = mail.to_address.parse().context("the recipient's address")?;
        let text = format!(
            "{}\n\nOpen it in Herald: {}{}\n\nChoose which mail you get under Notifications.\n",
            mail.body, self.base_url, mail.link
        );
        Message::builder()
            // One id per outbox row: should a message ever be handed over twice, mail
            // software sees the same message.
            .message_id(Some(format!("<herald-{}@{}>", mail.id, self.host)))
            .from(self.from.clone())
            .to(to)
            .subject(&mail.subject)
            .header(ContentType::TEXT_PLAIN)
            .body(text)
            .context("could not build the message")
    }
}

impl Letterhead {
    /// A plain-text message of its own (not an outbox row), such as an invitation.
    pub fn plain(&self, to: &str, subject: &str, text: String) -> anyhow::Result<Message> {
        let to: Mailbox = to.parse().context("the recipient's address")?;
        Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(subject)
            .header(ContentType::TEXT_PLAIN)
            .body(text)
            .context("could not build the message")
    }
}

pub struct Mailer {
    pub transport: AsyncSmtpTransport<Tokio1Executor>,
    pub message: Letterhead,
}

impl Mailer {
    /// `None` when no SMTP server is configured.
    pub fn from_settings(settings: &Settings) -> Option<anyhow::Result<Self>> {
        let url = settings.smtp.url.as_ref()?;
        Some((|| {
            let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url.expose_secret())
                .context("smtp.url is not a valid SMTP address")?
                .build();
            Ok(Self {
                transport,
                message: Letterhead::new(&settings.smtp.from, &settings.server.base_url)?,
            })
        })())
    }
}

/// Whether a failed send is known not to have delivered anything (so trying again cannot
/// double it). Anything else, such as a connection lost mid-message, is not retried.
pub trait Refusal {
    fn not_delivered(&self) -> bool;
}

impl Refusal for lettre::transport::smtp::Error {
    fn not_delivered(&self) -> bool {
        self.is_transient()
    }
}

impl Refusal for lettre::transport::stub::Error {
    fn not_delivered(&self) -> bool {
        true
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delivery {
    Sent(i64),
    Later(i64),
    GaveUp(i64),
}

/// Sends the oldest due message; `None` when there is none. Tests call it step by step.
pub async fn send_next<T>(
    pool: &PgPool,
    transport: &T,
    letterhead: &Letterhead,
) -> anyhow::Result<Option<Delivery>>
where
    T: AsyncTransport + Sync,
    T::Error: Refusal + std::fmt::Display,
{
    let Some(mail) = outbox::claim(pool).await.context("could not claim mail")? else {
        return Ok(None);
    };
    let message = match letterhead.build(&mail) {
        Ok(message) => message,
        Err(error) => {
            outbox::give_up(pool, mail.id, &format!("{error:#}")).await?;
            return Ok(Some(Delivery::GaveUp(mail.id)));
        }
    };
    match transport.send(message).await {
        Ok(_) => {
            outbox::mark_sent(pool, mail.id).await?;
            tracing::info!(mail_id = mail.id, "notification mail sent");
            Ok(Some(Delivery::Sent(mail.id)))
        }
        Err(error) if error.not_delivered() && mail.attempts < MAX_ATTEMPTS => {
            let wait = chrono::Duration::minutes(1 << mail.attempts.clamp(0, 10));
            outbox::retry_later(pool, mail.id, Utc::now() + wait, &error.to_string()).await?;
            Ok(Some(Delivery::Later(mail.id)))
        }
        Err(error) => {
            tracing::warn!(mail_id = mail.id, %error, "notification mail not sent");
            outbox::give_up(pool, mail.id, &error.to_string()).await?;
            Ok(Some(Delivery::GaveUp(mail.id)))
        }
    }
}
