// Package cron reads crontab files: the system form (/etc/crontab,
// /etc/cron.d/*, with a user field) and the user form (crontab -e, kept
// under /var/spool/cron, without one). It returns every entry with its
// schedule in a normalised form that later stages compare and turn into
// Digdag or EventBridge schedules, the environment lines in force for it,
// and its command text for the shell front end.
//
// It follows Vixie cron / cronie, the crons found on the legacy VMs:
// fields are minute, hour, day of month, month and day of week; lists
// (1,2), ranges (1-5), steps (*/5, 1-10/2), month and weekday names
// (jan, mon), 7 for Sunday, and the @reboot, @yearly, @annually, @monthly,
// @weekly, @daily, @midnight and @hourly macros.
package cron
