//! `server [serve|migrate|seed|export|import]` — see README for the options.
#![recursion_limit = "256"]

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use server::config::Config;
use server::seed::{SeedOptions, DEMO_ADMIN_TOTP, DEMO_PASSWORD};
use server::{build_state, db, leptos_options, router, seed, transfer};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const USAGE: &str = "usage: server [serve [--demo] [--products N]] | migrate | \
                     seed [--products N] [--if-empty] | create-admin EMAIL [NAME] | \
                     export --out FILE | import FILE | two-step-code [KEY]";

enum Command {
    Serve {
        /// Seed the demo marketplace (with its published demo logins) into an empty
        /// database; never without being asked.
        demo: bool,
        products: usize,
    },
    Migrate,
    /// The first administrator of a real deployment (password from `ADMIN_PASSWORD`
    /// or the first line of standard input).
    CreateAdmin {
        email: String,
        name: String,
    },
    Seed {
        products: usize,
        if_empty: bool,
    },
    Export {
        out: PathBuf,
    },
    Import {
        file: PathBuf,
    },
    /// The current sign-in code of an authenticator key (the demo admin's by default).
    TwoStepCode {
        key: String,
    },
}

fn parse_args(args: &[String]) -> Result<Command, String> {
    let mut it = args.iter().map(String::as_str);
    let sub = it.next().unwrap_or("serve");
    let rest: Vec<&str> = it.collect();
    let products = |rest: &[&str]| -> Result<usize, String> {
        match rest.iter().position(|a| *a == "--products") {
            None => Ok(SeedOptions::default().products),
            Some(i) => rest
                .get(i + 1)
                .and_then(|n| n.parse::<usize>().ok())
                .filter(|n| *n <= 1_000_000)
                .ok_or_else(|| "--products needs a number up to 1000000".to_string()),
        }
    };
    match sub {
        "serve" => Ok(Command::Serve {
            // `--seed-if-empty` is the flag's older name
            demo: rest.contains(&"--demo") || rest.contains(&"--seed-if-empty"),
            products: products(&rest)?,
        }),
        "create-admin" => match rest.as_slice() {
            [email] => Ok(Command::CreateAdmin {
                email: email.to_string(),
                name: "Administrator".into(),
            }),
            [email, name] => Ok(Command::CreateAdmin {
                email: email.to_string(),
                name: name.to_string(),
            }),
            _ => Err("create-admin needs EMAIL [NAME]".into()),
        },
        "migrate" => Ok(Command::Migrate),
        "seed" => Ok(Command::Seed {
            products: products(&rest)?,
            if_empty: rest.contains(&"--if-empty"),
        }),
        "export" => match rest.as_slice() {
            ["--out", file] => Ok(Command::Export {
                out: PathBuf::from(file),
            }),
            _ => Err("export needs --out FILE".into()),
        },
        "import" => match rest.as_slice() {
            [file] => Ok(Command::Import {
                file: PathBuf::from(file),
            }),
            _ => Err("import needs FILE".into()),
        },
        "two-step-code" => match rest.as_slice() {
            [] => Ok(Command::TwoStepCode {
                key: DEMO_ADMIN_TOTP.to_string(),
            }),
            [key] => Ok(Command::TwoStepCode {
                key: key.to_string(),
            }),
            _ => Err("two-step-code takes at most one KEY".into()),
        },
        other => Err(format!("unknown command {other:?}")),
    }
}

async fn run_seed(
    state: &app::state::AppState,
    products: usize,
    if_empty: bool,
) -> Result<(), String> {
    if if_empty && seed::has_data(&state.db).await.map_err(|e| e.to_string())? {
        tracing::info!("database already has data; not seeding");
        return Ok(());
    }
    let report = seed::seed(
        &state.db,
        &SeedOptions {
            products,
            progress: true,
        },
    )
    .await
    .map_err(|e| e.to_string())?;
    println!(
        "Seeded {} categories, {} shops and {} products.\nDemo logins (password: {DEMO_PASSWORD}):",
        report.categories, report.shops, report.products
    );
    for (role, email) in report.logins {
        println!("  {role:<10} {email}");
    }
    println!(
        "  The admin also gives a two-step code: key {DEMO_ADMIN_TOTP} in an authenticator app, \
         or `server two-step-code` prints it."
    );
    Ok(())
}

/// The first administrator of a real deployment, born with two-step sign-in.
async fn create_admin(state: &app::state::AppState, email: &str, name: &str) -> Result<(), String> {
    let password = match std::env::var("ADMIN_PASSWORD") {
        Ok(p) => p,
        Err(_) => {
            let mut line = String::new();
            std::io::stdin()
                .read_line(&mut line)
                .map_err(|e| format!("cannot read the password: {e}"))?;
            line.trim_end_matches(['\r', '\n']).to_string()
        }
    };
    app::accounts::imp::create_admin(state, email, name, password)
        .await
        .map_err(|e| match e {
            app::error::AppError::Invalid(errs) => format!(
                "not created: {}",
                errs.iter()
                    .map(|e| format!("{} {:?}", e.field, e.code))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            other => format!("not created: {other:?}"),
        })?;
    // born with two-step sign-in: whoever learns the password alone cannot add
    // their own authenticator and take the admin pages
    let mut secret = [0u8; domain::totp::SECRET_BYTES];
    rand::RngCore::fill_bytes(&mut rand::thread_rng(), &mut secret);
    let key = domain::totp::base32(&secret);
    let id = app::accounts::store::user_id(
        &domain::Email::parse(email).map_err(|_| "bad email".to_string())?,
    );
    backend::accounts::two_step_store::set_secret(&state.db, &id, &key)
        .await
        .map_err(|e| e.to_string())?;
    println!(
        "Administrator {email} created. Admin pages need two-step sign-in: add this key \
         to an authenticator app now (it is not shown again):\n  {key}\n  {}",
        domain::totp::otpauth_uri(&secret, "Harbour Market", email)
    );
    Ok(())
}

async fn run(command: Command, config: Config) -> Result<(), String> {
    match command {
        Command::TwoStepCode { key } => {
            let secret =
                domain::totp::secret(&key).ok_or("not a base32 key of 128 bits or more")?;
            let step = domain::totp::step_of(chrono::Utc::now().timestamp());
            println!(
                "{}",
                domain::totp::format(domain::totp::code_at(&secret, step))
            );
            return Ok(());
        }
        Command::Import { file } => {
            let database = db::connect(&config.database)
                .await
                .map_err(|e| e.to_string())?;
            transfer::import(&database, &file)
                .await
                .map_err(|e| e.to_string())?;
            println!("Imported {}", file.display());
            return Ok(());
        }
        Command::Migrate => {
            let database = db::connect(&config.database)
                .await
                .map_err(|e| e.to_string())?;
            let applied = db::migrate(&database).await.map_err(|e| e.to_string())?;
            println!(
                "Applied {} migration(s): {}",
                applied.len(),
                applied.join(", ")
            );
            return Ok(());
        }
        _ => {}
    }
    let mut state = build_state(&config).await.map_err(|e| e.to_string())?;
    match command {
        Command::Seed { products, if_empty } => run_seed(&state, products, if_empty).await,
        Command::Export { out } => {
            transfer::export(&state.db, &out)
                .await
                .map_err(|e| e.to_string())?;
            println!("Exported to {}", out.display());
            Ok(())
        }
        Command::CreateAdmin { email, name } => create_admin(&state, &email, &name).await,
        Command::Serve { demo, products } => {
            if demo {
                run_seed(&state, products, true).await?;
            }
            let test_routes =
                server::test_clock::token().map(|t| server::test_clock::install(&mut state, t));
            server::jobs::spawn(state.clone());
            let app = router::build_router(state, leptos_options(&config), test_routes);
            let listener = server::bind_listener(config.site_addr)
                .await
                .map_err(|e| format!("cannot listen on {}: {e}", config.site_addr))?;
            tracing::info!("listening on http://{}", config.site_addr);
            println!("Marketplace running at {}", config.public_base_url);
            axum::serve(
                listener,
                app.into_make_service_with_connect_info::<SocketAddr>(),
            )
            .with_graceful_shutdown(shutdown())
            .await
            .map_err(|e| e.to_string())
        }
        Command::Migrate | Command::Import { .. } | Command::TwoStepCode { .. } => Ok(()),
    }
}

async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
}

fn main() -> ExitCode {
    server::command_main(
        USAGE,
        "info,surrealdb=warn,surrealdb_core=warn",
        parse_args,
        run,
    )
}
