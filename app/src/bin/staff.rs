//! The `staff` entry bundle: the support workspace under `/staff` (Queue, tickets, team
//! view, administration). Its own page load, so nothing of it reaches the portal.

fn main() {
    app::staff::start();
}
