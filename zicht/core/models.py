"""Model pieces shared by several apps."""

from typing import Any

from django.db import models


class DetectorOutput(models.Model):
    """What the signal detector said about a text (labels, urgency, scores, evidence spans
    into the text, substances and help questions), stored on the thing it read."""

    signal_labels = models.JSONField(default=list, blank=True)
    signal_urgency = models.CharField(max_length=10, blank=True)
    signal_scores = models.JSONField(default=dict, blank=True)
    signal_evidence = models.JSONField(default=list, blank=True)
    signal_extra = models.JSONField(default=dict, blank=True)

    class Meta:
        abstract = True

    def apply_detection(self, signal: Any) -> None:
        """Copy an `inbox.detection.MessageSignal` onto this row (not saved)."""
        self.signal_labels = signal.labels
        self.signal_urgency = signal.urgency
        self.signal_scores = signal.scores
        self.signal_evidence = signal.evidence
        self.signal_extra = signal.extra
