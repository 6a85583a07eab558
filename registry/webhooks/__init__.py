"""Webhooks: partners are told of their applications' events, signed per Standard Webhooks.

* :mod:`.events` turns an appended application event into deliveries (and an outbox row) in the
  same transaction;
* :mod:`.endpoints` registers, lists, deletes endpoints and rotates their secrets;
* :mod:`.secrets` makes, seals and uses the ``whsec_`` signing secrets;
* :mod:`.targets` says which URLs and addresses may be called (production: https, public only);
* :mod:`.runner` and :mod:`.sender` deliver, in order per application, with back-off and a
  circuit breaker per endpoint; :mod:`.deliveries` lists them and redelivers.
"""
