//! The address a request comes from, as login throttling counts it.
//!
//! It is the TCP peer ([`crate::serve`] records it), unless the peer is one of the
//! reverse proxies named by `--trusted-proxies`: then it is the right-most address in
//! `X-Forwarded-For` that is not itself a trusted proxy. Behind a proxy that is not
//! named, every request would seem to come from the proxy, and a few wrong passwords
//! would throttle everyone; a header from an untrusted peer is ignored, because anyone
//! can write one.

use crate::State;
use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use std::convert::Infallible;
use std::net::{IpAddr, SocketAddr};

/// The client's address; `None` when the server was not started by [`crate::serve`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientIp(pub Option<IpAddr>);

impl FromRequestParts<State> for ClientIp {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &State) -> Result<Self, Infallible> {
        let Some(ConnectInfo(peer)) = parts.extensions.get::<ConnectInfo<SocketAddr>>() else {
            return Ok(ClientIp(None));
        };
        let forwarded: Vec<&str> = parts
            .headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .collect();
        Ok(ClientIp(Some(resolve(
            peer.ip(),
            &forwarded,
            &state.config.trusted_proxies.0,
        ))))
    }
}

/// The client behind `peer`, given the `X-Forwarded-For` header lines in order.
pub fn resolve(peer: IpAddr, forwarded: &[&str], trusted: &[IpAddr]) -> IpAddr {
    let peer = peer.to_canonical();
    let is_trusted = |ip: &IpAddr| trusted.iter().any(|t| t.to_canonical() == *ip);
    if !is_trusted(&peer) {
        return peer;
    }
    // Each proxy appends the address it saw, so read from the right and stop at the
    // first hop no trusted proxy vouches for.
    let mut client = peer;
    for hop in forwarded.iter().flat_map(|line| line.split(',')).rev() {
        match hop.trim().parse::<IpAddr>() {
            Ok(ip) => {
                client = ip.to_canonical();
                if !is_trusted(&client) {
                    break;
                }
            }
            // Garbage from the client side: the last address we trust is the answer.
            Err(_) => break,
        }
    }
    client
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn only_trusted_proxies_may_name_the_client() {
        let proxy = ip("10.0.0.2");
        let trusted = [proxy];
        // Directly connected: the header is ignored.
        assert_eq!(
            resolve(ip("203.0.113.7"), &["198.51.100.1"], &trusted),
            ip("203.0.113.7")
        );
        // Through the proxy: the address it appended.
        assert_eq!(
            resolve(proxy, &["198.51.100.1, 203.0.113.7"], &trusted),
            ip("203.0.113.7")
        );
        // Several header lines count as one list; trusted hops are skipped.
        assert_eq!(
            resolve(proxy, &["203.0.113.7", "10.0.0.2"], &trusted),
            ip("203.0.113.7")
        );
        // A spoofed, unreadable entry stops the walk at the last trusted hop.
        assert_eq!(resolve(proxy, &["203.0.113.7, nonsense"], &trusted), proxy);
        // No header: the proxy itself.
        assert_eq!(resolve(proxy, &[], &trusted), proxy);
        // IPv4-mapped IPv6 peers are the same address.
        assert_eq!(
            resolve(ip("::ffff:10.0.0.2"), &["203.0.113.7"], &trusted),
            ip("203.0.113.7")
        );
    }
}
