import plivo

client = plivo.RestClient("MAIYGNEO2PJUV24B859C", "xIboKBPBjV2YX2LSKCptKDPHz0CWyRubFzrUcHfS")
