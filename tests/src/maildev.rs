//! A real SMTP server for tests: MailDev (from npm, installed by the set-up) on free
//! loopback ports, read through its HTTP API, stopped when dropped.

use std::process::{Child, Command, Stdio};
use std::time::Duration;

use serde_json::Value;

pub struct MailDev {
    pub smtp_port: u16,
    pub web_port: u16,
    child: Option<Child>,
}

/// A loopback port nothing listens on now.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

impl MailDev {
    /// Starts MailDev on free ports and waits until it answers.
    pub async fn start() -> MailDev {
        Self::start_on(free_port()).await
    }

    /// Starts MailDev with its SMTP server on `smtp_port` (a test that wants the mail
    /// server down first points the app there before starting it).
    pub async fn start_on(smtp_port: u16) -> MailDev {
        let bin = concat!(env!("CARGO_MANIFEST_DIR"), "/../node_modules/.bin/maildev");
        assert!(
            std::path::Path::new(bin).exists(),
            "MailDev is not installed: run `. scripts/setup.sh --rust-only` (npm ci)"
        );
        let web_port = free_port();
        let child = Command::new(bin)
            .args([
                "--smtp",
                &smtp_port.to_string(),
                "--web",
                &web_port.to_string(),
            ])
            .args(["--ip", "127.0.0.1", "--web-ip", "127.0.0.1", "--silent"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start MailDev");
        let m = MailDev {
            smtp_port,
            web_port,
            child: Some(child),
        };
        for _ in 0..300 {
            if reqwest::get(m.api("/healthz"))
                .await
                .is_ok_and(|r| r.status().is_success())
                && tokio::net::TcpStream::connect(("127.0.0.1", smtp_port))
                    .await
                    .is_ok()
            {
                return m;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("MailDev did not start");
    }

    /// `smtp://127.0.0.1:<port>`
    pub fn smtp_url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.smtp_port)
    }

    fn api(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}/api{path}", self.web_port)
    }

    /// Every mail MailDev received (its JSON: `to`, `subject`, `text`, `html`, `headers`…).
    pub async fn emails(&self) -> Vec<Value> {
        let body = reqwest::get(self.api("/email"))
            .await
            .expect("MailDev API")
            .text()
            .await
            .expect("MailDev answer");
        serde_json::from_str(&body).expect("MailDev JSON")
    }

    /// A header of a received mail as it was sent (read from the raw message, folded
    /// lines joined), `None` when the mail has no such header. MailDev's parsed
    /// `headers` turn some headers (the `List-*` family) into objects.
    pub async fn header(&self, mail: &Value, name: &str) -> Option<String> {
        let id = mail["id"].as_str().expect("a MailDev mail id");
        let raw = reqwest::get(self.api(&format!("/email/{id}/source")))
            .await
            .expect("MailDev API")
            .text()
            .await
            .expect("MailDev answer");
        let head = raw.replace("\r\n", "\n");
        let head = head.split("\n\n").next().unwrap_or_default();
        let unfolded = head.replace("\n ", " ").replace("\n\t", " ");
        unfolded.lines().find_map(|line| {
            let (key, value) = line.split_once(':')?;
            key.trim()
                .eq_ignore_ascii_case(name)
                .then(|| value.trim().to_string())
        })
    }

    /// The mails received for `address`.
    pub async fn emails_to(&self, address: &str) -> Vec<Value> {
        self.emails()
            .await
            .into_iter()
            .filter(|m| {
                m["to"]
                    .as_array()
                    .is_some_and(|to| to.iter().any(|t| t["address"] == address))
            })
            .collect()
    }
}

impl Drop for MailDev {
    fn drop(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}
