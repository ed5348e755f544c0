from django.urls import path

app_name = "hsds"

urlpatterns: list = []  # Open Referral HSDS 3.0 API (being built)
