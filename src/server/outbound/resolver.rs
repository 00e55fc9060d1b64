//! Name resolution that drops private addresses, so a host that passed the guard cannot be
//! re-pointed at the local network between the check and the call (DNS rebinding), and a
//! redirect cannot lead there either.
use super::AllowList;
use reqwest::dns::{Addrs, Name, Resolve, Resolving};
use std::sync::Arc;

pub struct PublicOnly {
    pub allow: Arc<AllowList>,
}

#[derive(Debug, thiserror::Error)]
#[error("{0} resolves only to private addresses, which Herald does not call")]
struct OnlyPrivate(String);

impl Resolve for PublicOnly {
    fn resolve(&self, name: Name) -> Resolving {
        let allow = self.allow.clone();
        let host = name.as_str().to_owned();
        Box::pin(async move {
            let found = tokio::net::lookup_host((host.as_str(), 0)).await?;
            let keep_all = allow.permits_host(&host);
            let usable: Vec<_> = found
                .filter(|address| keep_all || allow.permits_address(address.ip()))
                .collect();
            if usable.is_empty() {
                return Err(Box::new(OnlyPrivate(host)) as Box<dyn std::error::Error + Send + Sync>);
            }
            Ok(Box::new(usable.into_iter()) as Addrs)
        })
    }
}
