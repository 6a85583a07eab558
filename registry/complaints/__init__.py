"""Complaints (pre-trial appeals) about a service result or an official's action (issue 5).

A partner files a complaint on a registered application; it is registered on receipt and its
terms are stored (:mod:`registry.complaints.terms`); heads and unit heads settle, uphold or
reject it (:mod:`registry.complaints.decisions`), which creates the decision's result record;
a signer approves that decision for signature (:mod:`registry.complaints.signature`) and the
worker signs it; the deadline cron records missed complaints
(:mod:`registry.complaints.deadlines`). Every change appends an event to the application's hash
chain under the application's row lock.
"""
