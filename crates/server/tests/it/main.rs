//! API tests: the router on a fixture database, through `tower::ServiceExt::oneshot`.

mod api;
mod fixture;
mod live;
mod writes;
