"""In-app notifications (the bell); bots and e-mail are delivered by the publishing side."""
