//! Address checks end to end: fetches from servers this test starts on 127.0.0.1,
//! allowed only by an exact allow-list or `allow_private`, and refusals of
//! loopback, private, link-local and IPv6 loopback addresses, of a name that
//! resolves to loopback, and of a redirect from an allowed server to a private address.
//! Nothing here reaches beyond the machine: refused addresses are never connected to.

use std::time::Duration;

use bodycopy_fetch::test_server::{Reply, TestServer};
use bodycopy_fetch::{fetch_with_policy, AddressPolicy, FetchError, FetchOptions};

const PAGE: &str = "<html><body><p>Hello from the test server.</p></body></html>";

fn opts() -> FetchOptions {
    FetchOptions {
        timeout: Duration::from_secs(5),
        max_bytes: 1 << 20,
        max_redirects: 3,
    }
}

fn refused(url: &str, policy: &AddressPolicy) -> String {
    match fetch_with_policy(url, &opts(), policy) {
        Err(e @ FetchError::Refused { .. }) => e.to_string(),
        other => panic!("{url}: expected a refusal, got {other:?}"),
    }
}

#[test]
fn private_addresses_are_refused_by_default() {
    let policy = AddressPolicy::public_only();
    let cases = [
        ("http://127.0.0.1:9/", "loopback"),
        ("http://10.0.0.1/", "private (10.0.0.0/8)"),
        ("http://169.254.169.254/latest/meta-data/", "link-local"),
        ("http://[::1]:9/", "loopback (::1)"),
        ("http://[::ffff:127.0.0.1]:9/", "loopback (127.0.0.0/8)"),
        ("http://100.64.0.1/", "carrier-grade NAT"),
        ("https://192.168.0.1/", "private (192.168.0.0/16)"),
        ("http://0.0.0.0:9/", "this network"),
        ("http://localhost:9/", "loopback"),
    ];
    for (url, range) in cases {
        let message = refused(url, &policy);
        assert!(message.contains(range), "{url}: {message}");
        assert!(message.starts_with("refused to fetch"), "{message}");
    }
}

#[test]
fn a_local_server_is_reachable_only_when_allowed() {
    let server = TestServer::start(|_| Reply::html(PAGE));
    let url = server.url("/page");
    // allow-private on
    let page = fetch_with_policy(&url, &opts(), &AddressPolicy::allow_all()).unwrap();
    assert_eq!(page.body, PAGE.as_bytes());
    assert_eq!(page.final_url, url);
    // the exact address on the allow-list
    let exact = AddressPolicy {
        allow_private: false,
        allowed: vec![server.addr],
    };
    assert!(fetch_with_policy(&url, &opts(), &exact).is_ok());
    // default: refused
    let message = refused(&url, &AddressPolicy::public_only());
    assert!(message.contains("127.0.0.1"), "{message}");
}

#[test]
fn a_redirect_to_a_private_address_is_refused() {
    let target = TestServer::start(|_| Reply::html(PAGE));
    let target_url = target.url("/inside");
    let metadata_url = "http://169.254.169.254/latest/meta-data/".to_string();
    let ten_url = "http://10.0.0.1/admin".to_string();
    let front = TestServer::start(move |path| match path {
        "/to-local" => Reply::redirect(&target_url),
        "/to-metadata" => Reply::redirect(&metadata_url),
        "/to-ten" => Reply::redirect(&ten_url),
        _ => Reply::html(PAGE),
    });
    // only the front server is allowed, as a public server would be
    let policy = AddressPolicy {
        allow_private: false,
        allowed: vec![front.addr],
    };
    assert!(fetch_with_policy(&front.url("/"), &opts(), &policy).is_ok());
    let message = refused(&front.url("/to-local"), &policy);
    assert!(message.contains(&target.addr.ip().to_string()), "{message}");
    let message = refused(&front.url("/to-metadata"), &policy);
    assert!(message.contains("169.254.169.254"), "{message}");
    let message = refused(&front.url("/to-ten"), &policy);
    assert!(message.contains("10.0.0.1"), "{message}");
    // with allow-private the same redirect is followed
    let page = fetch_with_policy(
        &front.url("/to-local"),
        &opts(),
        &AddressPolicy::allow_all(),
    )
    .unwrap();
    assert_eq!(page.final_url, target.url("/inside"));
}

#[test]
fn limits_still_apply() {
    let server = TestServer::start(|path| match path {
        "/big" => Reply::html(vec![b'a'; 4096]),
        "/slow" => Reply::html(PAGE).delayed(Duration::from_secs(3)),
        "/loop" => Reply::redirect("/loop"),
        _ => Reply::html(PAGE),
    });
    let policy = AddressPolicy::allow_all();
    let small = FetchOptions {
        timeout: Duration::from_millis(300),
        max_bytes: 1024,
        max_redirects: 2,
    };
    assert!(matches!(
        fetch_with_policy(&server.url("/big"), &small, &policy),
        Err(FetchError::TooLarge(1024))
    ));
    assert!(matches!(
        fetch_with_policy(&server.url("/slow"), &small, &policy),
        Err(FetchError::Timeout(_))
    ));
    let e = fetch_with_policy(&server.url("/loop"), &small, &policy).unwrap_err();
    assert!(e.to_string().contains("too many redirects"), "{e}");
    assert!(matches!(
        fetch_with_policy("file:///etc/passwd", &small, &policy),
        Err(FetchError::BadUrl(_))
    ));
}
